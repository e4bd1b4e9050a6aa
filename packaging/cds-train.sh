#!/usr/bin/env bash
# Class-data sharing for the app-image (Linux): dynamic AppCDS archives on top of the runtime's own
# archive (which jlink makes with --generate-cds-archive), one per launcher, each recording the
# classes its typical run loads:
#   lib/app/report-viewer-cli.jsa  a real `fetch` (`serve --port 0` in the background, one fetch of a
#                                  synthetic report through report-viewer-cli), over TLS when openssl
#                                  can make a test certificate: a TLS fetch loads the plaintext one's
#                                  classes but 7, and ~950 of its own (tcnative, the JDK's security)
#   lib/app/report-viewer.jsa      the window's start (under Xvfb, until 2 s after GTK starts, then
#                                  SIGTERM; the JVM writes the archive as it exits). Without
#                                  xvfb-run and xwininfo, report-viewer uses the fetch archive.
# Each launcher's .cfg then names its archive, and ARCHIVE.where the folder it was recorded in. Run by packaging/jpackage.xml after the app-image is
# built. The JVM checks an archive at start and quietly ignores it if it does not match (another
# runtime or class path): never worse. Java 17 matches the class path by its absolute paths, so the
# archives serve the app-image where it was built (target/dist/report-viewer); moved or installed
# elsewhere (the .deb's /usr/lib/report-viewer), only the runtime's archive is used.
# The runtime's second JDK archive, classes_nocoops.jsa, is removed: the JVM uses it only with
# compressed oops off (a heap over 32 GB), and its 11 MB make room for the window's archive within
# the app-image's size limit; such a JVM still runs, without the JDK's archive.
set -euo pipefail
image=${1:?usage: cds-train.sh APP_IMAGE_DIR}
launcher=$image/bin/report-viewer
cli=$image/bin/report-viewer-cli
[[ -x $launcher && -x $cli ]] || { echo "cds-train.sh: no report-viewer or report-viewer-cli in $image/bin" >&2; exit 1; }
fetch_archive=$image/lib/app/report-viewer-cli.jsa
window_archive=$image/lib/app/report-viewer.jsa
work=$(mktemp -d)
server=""
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
rm -f "$fetch_archive" "$window_archive" "$fetch_archive.where" "$window_archive.where"
# A retraining (the script run again on a finished image) starts without the archives it replaces:
# a launcher whose archive is missing cannot record a new one.
sed -i '/SharedArchiveFile/d' "$image/lib/app/report-viewer.cfg" "$image/lib/app/report-viewer-cli.cfg"

# TLS, if openssl is here, so that the archive also serves TLS fetches (one-chunk TLS fetch 0.55 ->
# 0.45 CPU-s, plaintext unchanged: BENCHMARKS.md, "Cold start, fifth round").
tls_serve=() tls_fetch=()
if command -v openssl >/dev/null && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -days 1 -subj /CN=localhost -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
    -keyout "$work/tls-key.pem" -out "$work/tls-cert.pem" 2>"$work/openssl.err"; then
  tls_serve=(--tls-cert "$work/tls-cert.pem" --tls-key "$work/tls-key.pem")
  tls_fetch=(--ca-file "$work/tls-cert.pem")
else
  echo "cds-train.sh: no openssl test certificate: the fetch archive is recorded from a plaintext fetch" >&2
fi
"$launcher" serve --port 0 "${tls_serve[@]}" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 300); do
  grep -q "listening on" "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
target=$(sed -n 's/^listening on //p' "$work/serve.out")
[[ -n $target ]] || { echo "cds-train.sh: the training server did not start: $(cat "$work/serve.err")" >&2; exit 1; }
JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$fetch_archive" "$cli" fetch --target "$target" "${tls_fetch[@]}" \
  --report 'synthetic?size=8MiB&chunk=64KiB' --quiet >/dev/null 2>"$work/fetch.err" \
  || { echo "cds-train.sh: the training fetch failed: $(cat "$work/fetch.err")" >&2; exit 1; }
[[ -s $fetch_archive ]] || { echo "cds-train.sh: no archive written: $(cat "$work/fetch.err")" >&2; exit 1; }
kill "$server"
server=""

if command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null; then
  cat >"$work/window.sh" <<'INNER'
#!/usr/bin/env bash
# Inside xvfb-run: start the app, wait (at most 120 s) for its first named top-level window, stop it.
# That window is GTK's hidden group leader, made when glass starts GTK, ~0.7 s before the app's window
# shows (BENCHMARKS.md, "Cold start, fifth round"): the 2 s after it cover the window's start.
# Its settings and reports folder go to a scratch home, not the home of whoever builds the package.
JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$2 -Duser.home=$4 -Djava.util.prefs.userRoot=$4/prefs" "$1" >"$3" 2>&1 &
app=$!
for _ in $(seq 1200); do
  if xwininfo -root -children 2>/dev/null | grep -q '^ *0x[0-9a-f]* "'; then
    sleep 2 # let the first frames and the catalog of the embedded server load too
    kill $app; wait $app 2>/dev/null; exit 0
  fi
  kill -0 $app 2>/dev/null || exit 1
  sleep 0.1
done
kill $app; wait $app 2>/dev/null; exit 1
INNER
  chmod +x "$work/window.sh"
  mkdir -p "$work/home"
  if ! xvfb-run -a -s "-screen 0 1280x800x24" "$work/window.sh" "$launcher" "$window_archive" "$work/window.log" "$work/home" \
      || [[ ! -s $window_archive ]]; then
    echo "cds-train.sh: the window's training run failed (report-viewer uses the fetch archive): $(tail -1 "$work/window.log")" >&2
    rm -f "$window_archive"
  fi
else
  echo "cds-train.sh: no xvfb-run or xwininfo: report-viewer uses the fetch archive" >&2
fi
[[ -s $window_archive ]] || window_archive=$fetch_archive
rm -f "$image/lib/runtime/lib/server/classes_nocoops.jsa"

# [JavaOptions] is each cfg's last section: one more java-options line joins it.
add_archive() { # CFG ARCHIVE
  grep -q 'SharedArchiveFile' "$1" || echo "java-options=-XX:SharedArchiveFile=\$APPDIR/$(basename "$2")" >>"$1"
}
add_archive "$image/lib/app/report-viewer.cfg" "$window_archive"
add_archive "$image/lib/app/report-viewer-cli.cfg" "$fetch_archive"
# Where each archive was recorded: the launchers (packaging/launcher.sh) use it only there, as Java 17
# does, but without the JVM's warning on stdout elsewhere.
for archive in "$fetch_archive" "$window_archive"; do
  (cd "$image/lib/app" && pwd) >"$archive.where"
done
echo "cds-train.sh: class-data archives $(du -h "$fetch_archive" | cut -f1) $fetch_archive (report-viewer-cli)," \
  "$(du -h "$window_archive" | cut -f1) $window_archive (report-viewer)"
