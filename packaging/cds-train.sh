#!/usr/bin/env bash
# Class-data sharing for the app-image (Linux): records the classes a real `fetch` loads into
# lib/app/report-viewer.jsa (a dynamic AppCDS archive on top of the runtime's own archive, which jlink
# makes with --generate-cds-archive), then tells both launchers (report-viewer, report-viewer-cli: the
# same class path, so one archive serves both) to use it. Run by packaging/jpackage.xml after the
# app-image is built. Training: `serve --port 0` in the background, one `fetch` of a synthetic report
# through the CLI launcher with -XX:ArchiveClassesAtExit. The JVM checks the archive at
# start and quietly ignores it if it does not match (another runtime or class path): never worse.
# Java 17 matches the class path by its absolute paths, so the app's archive serves the app-image
# where it was built (target/dist/report-viewer); moved or installed elsewhere (the .deb's
# /usr/lib/report-viewer), only the runtime's archive is used (checked: 0 classes from the app's).
set -euo pipefail
image=${1:?usage: cds-train.sh APP_IMAGE_DIR}
launcher=$image/bin/report-viewer
cli=$image/bin/report-viewer-cli
[[ -x $cli ]] || cli=$launcher
archive=$image/lib/app/report-viewer.jsa
[[ -x $launcher && -f $image/lib/app/report-viewer.cfg ]] || { echo "cds-train.sh: no launcher or its .cfg in $image" >&2; exit 1; }
work=$(mktemp -d)
server=""
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
rm -f "$archive"
"$launcher" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 300); do
  grep -q "listening on" "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
target=$(sed -n 's/^listening on //p' "$work/serve.out")
[[ -n $target ]] || { echo "cds-train.sh: the training server did not start: $(cat "$work/serve.err")" >&2; exit 1; }
JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$archive" "$cli" fetch --target "$target" \
  --report 'synthetic?size=8MiB&chunk=64KiB' --quiet >/dev/null 2>"$work/fetch.err" \
  || { echo "cds-train.sh: the training fetch failed: $(cat "$work/fetch.err")" >&2; exit 1; }
[[ -s $archive ]] || { echo "cds-train.sh: no archive written: $(cat "$work/fetch.err")" >&2; exit 1; }
# [JavaOptions] is each cfg's last section: one more java-options line joins it.
for cfg in "$image"/lib/app/*.cfg; do
  grep -q 'SharedArchiveFile' "$cfg" || echo 'java-options=-XX:SharedArchiveFile=$APPDIR/report-viewer.jsa' >>"$cfg"
done
echo "cds-train.sh: $(du -h "$archive" | cut -f1) class-data archive $archive"
