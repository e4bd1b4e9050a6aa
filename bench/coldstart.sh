#!/usr/bin/env bash
# Cold start of the packaged app (issue 12), as whole processes through the app-image's launcher:
#   window: launcher start → the app's window is viewable (under Xvfb, polled with xwininfo). Not the
#           first named top-level window: that is GTK's 10×10 unmapped group leader, which glass
#           creates ~0.6 s before the window shows (BENCHMARKS.md, "Cold start, fifth round").
#   fetch:  `report-viewer fetch` of a one-chunk report from a running `serve`, start to exit
#   cli-fetch: the same through `report-viewer-cli` (the CLI launcher: C1 only, Serial GC)
# A fetch's line also has its process's CPU-seconds (user + system, /usr/bin/time when installed),
# which other load on the machine distorts far less than its wall time.
# Each with the image as built (class-data archives: the runtime's from jlink --generate-cds-archive,
# the app's from packaging/cds-train.sh) and with JAVA_TOOL_OPTIONS=-Xshare:off (no class-data sharing),
# alternating; prints every run and the medians.
# Usage: bench/coldstart.sh [RUNS] [APP_IMAGE]   (defaults: 5, target/dist/report-viewer; build it with
# mvn -B -Ppackage -DskipTests package). Needs xvfb-run and xwininfo (Debian: xvfb, x11-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
image=$(realpath "${2:-target/dist/report-viewer}")
launcher=$image/bin/report-viewer
[[ -x $launcher ]] || { echo "coldstart.sh: no launcher at $launcher (mvn -B -Ppackage -DskipTests package)" >&2; exit 1; }
for tool in xvfb-run xwininfo; do
  command -v "$tool" >/dev/null || { echo "coldstart.sh: $tool is missing (apt-get install xvfb x11-utils)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/inner.sh" <<'INNER'
#!/usr/bin/env bash
set -euo pipefail
launcher=$1 runs=$2 work=$3
cli=${launcher%/*}/report-viewer-cli
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
viewable() { # true when a named top-level window is viewable (mapped)
  local id
  for id in $(xwininfo -root -children 2>/dev/null | awk '/^ +0x[0-9a-f]+ "/{print $1}'); do
    xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable' && return 0
  done
  return 1
}
window() { # prints ms from start to the app's window being viewable
  local t0 app
  t0=$(date +%s%N)
  "$launcher" >"$work/app.log" 2>&1 &
  app=$!
  until viewable; do
    kill -0 $app 2>/dev/null || { echo "the app exited: $(tail -1 "$work/app.log")" >&2; exit 1; }
    sleep 0.01
  done
  ms "$t0"
  kill $app; wait $app 2>/dev/null || true
}
"$launcher" serve --port 0 >"$work/serve.out" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
until grep -q "listening on" "$work/serve.out" 2>/dev/null; do sleep 0.1; done
target=$(sed -n 's/^listening on //p' "$work/serve.out")
timed=()
[[ -x /usr/bin/time ]] && timed=(/usr/bin/time -f '%U %S' -o "$work/fetch.time")
fetch() { # [LAUNCHER]
  local t0 wall
  t0=$(date +%s%N)
  "${timed[@]}" "${1:-$launcher}" fetch --target "$target" --report 'synthetic?size=100&chunk=100' --quiet \
    >/dev/null 2>"$work/fetch.err" || { echo "fetch failed: $(cat "$work/fetch.err")" >&2; exit 1; }
  wall=$(ms "$t0")
  if [[ ${#timed[@]} -gt 0 ]]; then
    echo "$wall cpu=$(awk '{printf "%.2f", $1 + $2}' "$work/fetch.time")"
  else
    echo "$wall"
  fi
}
window >/dev/null; fetch >/dev/null # the first start also warms the page cache: not counted
for i in $(seq "$runs"); do
  for mode in cds off; do
    if [[ $mode == off ]]; then export JAVA_TOOL_OPTIONS=-Xshare:off; else unset JAVA_TOOL_OPTIONS; fi
    echo "$mode window $(window)"
    echo "$mode fetch $(fetch)"
    if [[ -x $cli ]]; then echo "$mode cli-fetch $(fetch "$cli")"; fi
  done
done
INNER
chmod +x "$work/inner.sh"
echo "cold start, $runs runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%H:%MZ)"
xvfb-run -a -s "-screen 0 1280x800x24" "$work/inner.sh" "$launcher" "$runs" "$work" | tee "$work/results"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in cds off; do
  for what in window fetch cli-fetch; do
    awk -v m=$mode -v w=$what '$1==m && $2==w {print $3}' "$work/results" | sort -n | awk -v m=$mode -v w=$what \
      '{a[NR]=$1} END {if (NR) printf "median %-9s %-4s %5d ms (%s)\n", w, m, a[int((NR+1)/2)], (m=="cds" ? "class-data sharing, as built" : "-Xshare:off")}'
    awk -v m=$mode -v w=$what '$1==m && $2==w && $4 ~ /^cpu=/ {sub("cpu=", "", $4); print $4}' "$work/results" | sort -n \
      | awk -v m=$mode -v w=$what '{a[NR]=$1} END {if (NR) printf "median %-9s %-4s %5.2f CPU-s\n", w, m, a[int((NR+1)/2)]}'
  done
done
