#!/usr/bin/env bash
# Regenerates the committed icon files from report-viewer.svg. Builds never run this: the outputs are
# committed so packaging needs no SVG renderer. Needs rsvg-convert (Debian: librsvg2-bin),
# ImageMagick's convert (for the Windows .ico) and python3 (for the macOS .icns).
set -euo pipefail
cd "$(dirname "$0")"

for size in 16 32 48 64 128 256; do
    rsvg-convert -w "$size" -h "$size" report-viewer.svg -o "report-viewer-$size.png"
done

# Windows: one .ico holding every size.
convert report-viewer-{16,32,48,64,128,256}.png report-viewer.ico

# macOS: an .icns is a list of (type, length, PNG) records; ImageMagick 6 cannot write one.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rsvg-convert -w 512 -h 512 report-viewer.svg -o "$tmp/512.png"
python3 - "$tmp/512.png" <<'PY'
import struct, sys
entries = [(b"icp4", "report-viewer-16.png"), (b"icp5", "report-viewer-32.png"),
           (b"icp6", "report-viewer-64.png"), (b"ic07", "report-viewer-128.png"),
           (b"ic08", "report-viewer-256.png"), (b"ic09", sys.argv[1])]
body = b""
for kind, path in entries:
    data = open(path, "rb").read()
    body += kind + struct.pack(">I", 8 + len(data)) + data
with open("report-viewer.icns", "wb") as out:
    out.write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
ls -l report-viewer*
