#!/bin/bash
# Compares the cost of output formats between two melt checkouts, interleaved run by run, 1 GB,
# seed 42, all four incident types: docs/performance.md ("Formats") reports its medians.
#   melt-benchmarks/scripts/compare-formats.sh OLD_CHECKOUT NEW_CHECKOUT [RUNS] [FORMATS...]
# Each checkout must have its CLI jar built (mvn -B -q -DskipTests package -pl melt-cli -am).
# Prints one line a run: label, format, wall s, user s, system s, max RSS KB; then the medians.
set -euo pipefail
old=${1:?old checkout}; new=${2:?new checkout}; runs=${3:-5}; shift 3 || shift $#
formats=("$@"); [ ${#formats[@]} -gt 0 ] || formats=(jsonl otlp jsonl,otlp)
out=${TMPDIR:-/tmp}/melt-compare-formats; results=$(mktemp)
run() { rm -rf "$out"; sync
  /usr/bin/time -f "$1 $3 %e %U %S %M" "$2/melt" generate --size 1GB --seed 42 --quiet \
    --anomalies cpu_spike,service_outage,latency_spike,error_burst --format "$3" --output "$out" 2>&1 | tail -1; }
# The first run of a jar writes its class archive: not measured.
run warm "$old" jsonl >/dev/null; run warm "$new" jsonl >/dev/null
for ((i = 0; i < runs; i++)); do
  for f in "${formats[@]}"; do run old "$old" "$f" | tee -a "$results"; run new "$new" "$f" | tee -a "$results"; done
done
rm -rf "$out"
echo "medians (wall s, user s):"
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for key in $(awk '{print $1"/"$2}' "$results" | sort -u); do
  label=${key%%/*}; format=${key#*/}
  rows=$(awk -v l="$label" -v f="$format" '$1==l && $2==f' "$results")
  echo "$label $format $(echo "$rows" | awk '{print $3}' | median) $(echo "$rows" | awk '{print $4}' | median)"
done
rm -f "$results"
