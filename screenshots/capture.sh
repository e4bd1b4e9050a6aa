#!/usr/bin/env bash
# Captures PNGs of the real viewer window (embedded server, real streams) into screenshots/.
# Needs Xvfb (xvfb-run) and the JDK; compiles first. OFFLINE= (empty) lets Maven download.
# The tour is in src/screenshots/java, compiled with the tests (build-helper) into target/test-classes.
set -euo pipefail
cd "$(dirname "$0")/.."
OFFLINE=${OFFLINE:--o}
# Always compile (incremental, quick): stale classes would picture an older window.
mvn -B -q $OFFLINE -DskipTests test-compile
mvn -B -q $OFFLINE dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/screenshot-cp.txt
CP="target/classes:target/test-classes:$(cat target/screenshot-cp.txt)"
run() {
  java -Dprism.order=sw -Dprism.lcdtext=false -cp "$CP" org.reportviewer.screenshots.ScreenshotTour\$Main screenshots
}
if [[ -n "${DISPLAY:-}" && -z "${FORCE_XVFB:-}" ]]; then
  run
else
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c "$(declare -f run); CP='$CP'; run"
fi
ls -l screenshots/*.png
