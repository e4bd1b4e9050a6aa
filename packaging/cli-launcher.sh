#!/usr/bin/env bash
# Linux: adds bin/report-viewer-cli to the app-image: a small bash launcher that runs the image's
# runtime with lib/app/report-viewer-cli.cfg — report-viewer's .cfg plus the JVM options of
# packaging/report-viewer-cli.properties (short command-line runs such as `fetch`), and later the
# class-data archive that packaging/cds-train.sh adds.
# Not a copy of jpackage's native launcher: at every start that one asks `rpm -qf` and `dpkg -S`
# which package installed it (to find its files when installed under /usr), and `dpkg -S` alone
# took 0.4 s wall and a third of a one-chunk fetch process's CPU (BENCHMARKS.md, "Cold start").
# Not jpackage's --add-launcher either: from an app-image, jpackage 17 gives every such launcher a
# menu entry of its own (a command-line tool does not belong in the menu). The .deb then installs it
# next to report-viewer. Run by packaging/jpackage.xml.
set -euo pipefail
image=${1:?usage: cli-launcher.sh APP_IMAGE_DIR PROPERTIES}
properties=${2:?usage: cli-launcher.sh APP_IMAGE_DIR PROPERTIES}
cfg=$image/lib/app/report-viewer.cfg
[[ -x $image/bin/report-viewer && -f $cfg ]] || { echo "cli-launcher.sh: no launcher or $cfg" >&2; exit 1; }
grep -q '^\[JavaOptions\]' "$cfg" || { echo "cli-launcher.sh: $cfg has no [JavaOptions] section" >&2; exit 1; }
cp -p "$cfg" "$image/lib/app/report-viewer-cli.cfg"
# [JavaOptions] is the cfg's last section: one java-options line per option joins it.
for option in $(sed -n 's/^java-options=//p' "$properties"); do
  echo "java-options=$option" >>"$image/lib/app/report-viewer-cli.cfg"
done
cat >"$image/bin/report-viewer-cli" <<'LAUNCHER'
#!/usr/bin/env bash
# report-viewer-cli: the Report Viewer command line (fetch, serve) with the JVM options of short runs.
# Runs ../lib/runtime/bin/java as ../lib/app/report-viewer-cli.cfg says ($APPDIR is ../lib/app).
# Made by packaging/cli-launcher.sh; jpackage's native launcher spends 0.4 s asking dpkg about itself.
set -e
bin=$(dirname "$(readlink -f "$0")")
# The app-image keeps lib/app next to bin; the .deb (--install-dir /usr) puts this file in /usr/bin
# and the app in /usr/lib/report-viewer/app (its runtime in /usr/lib/report-viewer/runtime).
for app in "$bin/../lib/app" "$bin/../lib/report-viewer/app"; do
  [[ -f $app/report-viewer-cli.cfg ]] && break
done
[[ -f $app/report-viewer-cli.cfg ]] || { echo "report-viewer-cli: no report-viewer-cli.cfg near $bin" >&2; exit 1; }
app=$(cd "$app" && pwd)
# Java 17 accepts a class-data archive only where it was recorded (packaging/cds-train.sh notes the
# folder); elsewhere (moved, or installed from the .deb) the JVM would print a warning on stdout,
# into the fetched data, at every start: leave the archive out there.
trained=
[[ -f $app/report-viewer-cli.jsa.where ]] && read -r trained <"$app/report-viewer-cli.jsa.where"
classpath= main= options=()
while IFS= read -r line; do
  line=${line//\$APPDIR/$app}
  case $line in
    app.classpath=*) classpath=${classpath:+$classpath:}${line#app.classpath=} ;;
    app.mainclass=*) main=${line#app.mainclass=} ;;
    java-options=-XX:SharedArchiveFile=*) [[ $trained == "$app" ]] && options+=("${line#java-options=}") ;;
    java-options=*) options+=("${line#java-options=}") ;;
  esac
done <"$app/report-viewer-cli.cfg"
exec "$app/../runtime/bin/java" "${options[@]}" -Djpackage.app-path="$bin/report-viewer-cli" \
  -cp "$classpath" "$main" "$@"
LAUNCHER
chmod 755 "$image/bin/report-viewer-cli"
echo "cli-launcher.sh: $image/bin/report-viewer-cli with $(sed -n 's/^java-options=//p' "$properties")"
