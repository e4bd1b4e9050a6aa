#!/usr/bin/env bash
# Linux: replaces jpackage's native bin/report-viewer with packaging/launcher.sh, a bash launcher
# that runs the image's runtime as lib/app/report-viewer.cfg says, and adds the same script as
# bin/report-viewer-cli with lib/app/report-viewer-cli.cfg — report-viewer's .cfg plus the JVM options
# of packaging/report-viewer-cli.properties (short command-line runs such as `fetch`). cds-train.sh
# later adds each launcher's class-data archive to its .cfg.
# Why not jpackage's native launcher: at every start it asks `rpm -qf` and `dpkg -S` which package
# installed it (to find its files when installed under /usr), and `dpkg -S` alone took 0.4 s wall
# (BENCHMARKS.md, "Cold start, fourth round" and "fifth round"). Why not jpackage's --add-launcher
# for the CLI: from an app-image, jpackage 17 gives every such launcher a menu entry of its own (a
# command-line tool does not belong in the menu). The .deb installs both next to each other in
# /usr/bin; its menu entry runs /usr/bin/report-viewer. Run by packaging/jpackage.xml.
# WINDOW_PROPERTIES (packaging/report-viewer-window.properties) holds JVM options for the window
# alone: report-viewer.cfg gets them as window-java-options lines, which launcher.sh applies only when
# report-viewer starts without arguments (jpackage's launchers never read this file).
set -euo pipefail
usage="usage: launchers.sh APP_IMAGE_DIR CLI_PROPERTIES WINDOW_PROPERTIES"
image=${1:?$usage}
properties=${2:?$usage}
window_properties=${3:?$usage}
cfg=$image/lib/app/report-viewer.cfg
[[ -x $image/bin/report-viewer && -f $cfg ]] || { echo "launchers.sh: no launcher or $cfg" >&2; exit 1; }
grep -q '^\[JavaOptions\]' "$cfg" || { echo "launchers.sh: $cfg has no [JavaOptions] section" >&2; exit 1; }
cp -p "$cfg" "$image/lib/app/report-viewer-cli.cfg"
# [JavaOptions] is the cfg's last section: one java-options line per option joins it.
for option in $(sed -n 's/^java-options=//p' "$properties"); do
  echo "java-options=$option" >>"$image/lib/app/report-viewer-cli.cfg"
done
for option in $(sed -n 's/^java-options=//p' "$window_properties"); do
  echo "window-java-options=$option" >>"$cfg"
done
for name in report-viewer report-viewer-cli; do
  install -m 755 "$(dirname "$0")/launcher.sh" "$image/bin/$name"
done
# Only the native launcher loads this library.
rm -f "$image/lib/libapplauncher.so"
echo "launchers.sh: $image/bin/report-viewer (the window with $(sed -n 's/^java-options=//p' "$window_properties"))" \
  "and report-viewer-cli (with $(sed -n 's/^java-options=//p' "$properties"))"
