#!/usr/bin/env bash
# The CLI's JVM options, measured (issue 12; BENCHMARKS.md, "The CLI's JVM"): `fetch` processes with
# each set of JVM options against the seed's Go server (so the server side is constant), in turn, for
# one 100 B chunk, 1 GiB in 64 KiB chunks and 1,000,000 × 100 B. Prints CPU-seconds of each process
# (user + system, /usr/bin/time), its wall time and its own stream time, then medians per variant.
# The Go client's figures come alongside as the anchor.
# Usage: bench/cli-jvm.sh [RUNS] [WORKLOADS]   (defaults: 3, "one big small"). Needs
# target/report-viewer.jar (mvn -B -DskipTests package), /usr/bin/time, and Go for bench/go/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
workloads=${2:-one big small}
jar=$PWD/target/report-viewer.jar
[[ -f $jar ]] || { echo "cli-jvm.sh: no $jar (mvn -B -DskipTests package)" >&2; exit 1; }
[[ -x bench/go/build/bin/seed-server ]] || bash bench/go/build.sh
work=$(mktemp -d)
servers=()
trap 'for p in "${servers[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT

declare -A spec=([one]="1 100" [big]="16384 65536" [small]="1000000 100")
for w in $workloads; do
  read -r chunks size <<<"${spec[$w]}"
  bench/go/build/bin/seed-server -addr 127.0.0.1:0 -chunks "$chunks" -chunk-size "$size" -sleep 0 -quiet \
    >"$work/$w.out" 2>&1 &
  servers+=($!)
  until grep -q 'listening on' "$work/$w.out" 2>/dev/null; do sleep 0.1; done
  sed -n 's/.*listening on \([^ ]*\).*/\1/p' "$work/$w.out" | head -1 >"$work/$w.addr"
done

cli_options=$(sed -n 's/^java-options=//p' packaging/report-viewer-cli.properties)
archive=$work/app.jsa
# The class-data archive, as packaging/cds-train.sh makes it: the classes one real fetch loads.
first=${workloads%% *}
java $cli_options -XX:ArchiveClassesAtExit="$archive" -jar "$jar" fetch --target "$(cat "$work/$first.addr")" \
  --report x --quiet >/dev/null 2>"$work/train.err" || { cat "$work/train.err" >&2; exit 1; }

variants=(
  "defaults|"
  "C1|-XX:TieredStopAtLevel=1"
  "C1+SerialGC|-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
  "cli-launcher|$cli_options -XX:SharedArchiveFile=$archive"
  "defaults+archive|-XX:SharedArchiveFile=$archive"
  "go-client|"
)
one() { # VARIANT-NAME OPTIONS WORKLOAD
  local name=$1 opts=$2 w=$3 out cmd
  if [[ $name == go-client ]]; then
    cmd=(bench/go/build/bin/seed-client -addr "$(cat "$work/$w.addr")" -report x -log-chunks=false -out /dev/null -timeout 10m)
  else
    # shellcheck disable=SC2206 # options are space-separated on purpose
    cmd=(java $opts -jar "$jar" fetch --target "$(cat "$work/$w.addr")" --report x --quiet)
  fi
  # fetch writes the report to stdout and its summary to stderr; the Go client its summary to stdout
  local sink=/dev/null
  [[ $name == go-client ]] && sink=/dev/stdout
  out=$({ /usr/bin/time -f 'TIME %e %U %S' "${cmd[@]}" >"$sink"; } 2>&1) || { echo "$name $w failed: $out" >&2; exit 1; }
  read -r wall user sys < <(sed -n 's/^TIME //p' <<<"$out")
  printf '%-16s %-5s cpu_s=%.2f wall_s=%s %s load=%s\n' "$name" "$w" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" \
    "$wall" "$(grep -o 'total_ms=[0-9]*' <<<"$out")" "$(cut -d' ' -f1 /proc/loadavg)"
}
echo "cli-jvm.sh: $runs runs, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%H:%MZ)"
for r in $(seq "$runs"); do
  for w in $workloads; do
    for v in "${variants[@]}"; do one "${v%%|*}" "${v#*|}" "$w"; done
  done
done | tee "$work/results"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "medians, CPU-seconds per process:"
for w in $workloads; do
  for v in "${variants[@]}"; do
    awk -v n="${v%%|*}" -v w="$w" '$1 == n && $2 == w {sub("cpu_s=", "", $3); print $3}' "$work/results" | sort -n \
      | awk -v n="${v%%|*}" -v w="$w" '{a[NR]=$1} END {if (NR) printf "  %-5s %-16s %6.2f\n", w, n, a[int((NR+1)/2)]}'
  done
done
