#!/usr/bin/env bash
# Linux: adds bin/report-viewer-cli to the app-image: a copy of jpackage's native launcher, which
# reads lib/app/<its own name>.cfg, with a .cfg that is report-viewer's plus the JVM options of
# packaging/report-viewer-cli.properties (short command-line runs such as `fetch`). Not jpackage's
# --add-launcher: from an app-image, jpackage 17 gives every such launcher a menu entry of its own
# (a command-line tool does not belong in the menu), and a per-launcher linux-shortcut=false is lost.
# The .deb then installs it next to report-viewer (/usr/bin). Run by packaging/jpackage.xml.
set -euo pipefail
image=${1:?usage: cli-launcher.sh APP_IMAGE_DIR PROPERTIES}
properties=${2:?usage: cli-launcher.sh APP_IMAGE_DIR PROPERTIES}
cfg=$image/lib/app/report-viewer.cfg
[[ -x $image/bin/report-viewer && -f $cfg ]] || { echo "cli-launcher.sh: no launcher or $cfg" >&2; exit 1; }
grep -q '^\[JavaOptions\]' "$cfg" || { echo "cli-launcher.sh: $cfg has no [JavaOptions] section" >&2; exit 1; }
cp -p "$image/bin/report-viewer" "$image/bin/report-viewer-cli"
cp -p "$cfg" "$image/lib/app/report-viewer-cli.cfg"
# [JavaOptions] is the cfg's last section: one java-options line per option joins it.
for option in $(sed -n 's/^java-options=//p' "$properties"); do
  echo "java-options=$option" >>"$image/lib/app/report-viewer-cli.cfg"
done
echo "cli-launcher.sh: $image/bin/report-viewer-cli with $(sed -n 's/^java-options=//p' "$properties")"
