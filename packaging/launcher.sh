#!/usr/bin/env bash
# The app-image's launchers on Linux: packaging/launchers.sh installs this file as bin/report-viewer
# (the window, `serve`, …) and bin/report-viewer-cli (short runs such as `fetch`). Each runs the
# bundled java as lib/app/NAME.cfg says (NAME: this file's name; $APPDIR in the .cfg is lib/app).
# Not jpackage's native launcher: that one asks `rpm -qf` and `dpkg -S` at every start which package
# installed it, and `dpkg -S` alone took 0.4 s wall (BENCHMARKS.md, "Cold start, fourth round").
set -e
self=$(readlink -f "$0")
bin=${self%/*}
name=${self##*/}
# The app-image keeps lib/app next to bin; the .deb (--install-dir /usr) puts this file in /usr/bin
# and the app in /usr/lib/report-viewer/app (its runtime in /usr/lib/report-viewer/runtime).
for app in "$bin/../lib/app" "$bin/../lib/report-viewer/app"; do
  [[ -f $app/$name.cfg ]] && break
done
[[ -f $app/$name.cfg ]] || { echo "$name: no $name.cfg near $bin" >&2; exit 1; }
app=$(cd "$app" && pwd)
classpath= main= options=() window_options=()
while IFS= read -r line; do
  line=${line//\$APPDIR/$app}
  case $line in
    app.classpath=*) classpath=${classpath:+$classpath:}${line#app.classpath=} ;;
    app.mainclass=*) main=${line#app.mainclass=} ;;
    java-options=-XX:SharedArchiveFile=*)
      # Java 17 accepts a class-data archive only where it was recorded (packaging/cds-train.sh notes
      # the folder in ARCHIVE.where); elsewhere (moved, or installed from the .deb) the JVM would print
      # a warning on stdout, into a fetch's data, at every start: leave the archive out there.
      archive=${line#java-options=-XX:SharedArchiveFile=} trained=
      [[ -f $archive.where ]] && read -r trained <"$archive.where"
      [[ $trained == "$app" ]] && options+=("${line#java-options=}") ;;
    java-options=*) options+=("${line#java-options=}") ;;
    # Only for the window, i.e. no arguments (packaging/report-viewer-window.properties says why).
    window-java-options=*) window_options+=("${line#window-java-options=}") ;;
  esac
done <"$app/$name.cfg"
(( $# == 0 )) && options+=("${window_options[@]}")
# exec -a: the process is named NAME, not java, as with jpackage's launcher (ps, top, pkill; GTK
# also names its group leader window after it).
exec -a "$name" "$app/../runtime/bin/java" "${options[@]}" -Djpackage.app-path="$bin/$name" \
  -cp "$classpath" "$main" "$@"
