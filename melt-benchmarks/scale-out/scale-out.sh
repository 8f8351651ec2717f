#!/usr/bin/env bash
# Scaling benchmark of shards on one machine (docs/scale-out.md): generates one dataset as 1
# whole run, then as 2 and 4 shards running at once (each its own JVM, the cores shared out),
# merges the shards and checks the merged manifest is the whole run's. Prints, per shard count,
# each shard's bytes, time and throughput, and the total: the dataset's bytes over the wall time
# from the first shard's start to the last one's end (and CPU seconds of all the shards).
#
#   melt-benchmarks/scale-out/scale-out.sh [SIZE] [COUNTS]      e.g. 1GB "1 2 4"
#
# Needs the CLI jar (mvn -B -q -DskipTests package -pl melt-cli -am). Writes under
# ${MELT_BENCH_DIR:-/tmp/melt-scale-out}, one shard count at a time, and deletes it afterwards.
# THREADS sets each shard's --threads (default: the processors divided by the shard count).
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
size=${1:-1GB}
counts=${2:-1 2 4}
base=${MELT_BENCH_DIR:-/tmp/melt-scale-out}
cores=$(nproc)
spec=(--size "$size" --anomalies cpu_spike,service_outage,latency_spike,error_burst --seed 42 --quiet)
rm -rf "$base"
mkdir -p "$base"
trap 'rm -rf "$base"' EXIT

bytes_of() { # the data files of a dataset or shard directory
  find "$1" -maxdepth 1 -type f ! -name '*.json' -printf '%s\n' | awk '{s += $1} END {print s + 0}'
}
now() { date +%s.%N; }

echo "melt scale-out: $size, shard counts $counts, $cores processors, $(java -version 2>&1 | head -1)"
whole_manifest=
for n in $counts; do
  threads=${THREADS:-$(( cores / n > 0 ? cores / n : 1 ))}
  dir=$base/n$n
  mkdir -p "$dir"
  start=$(now)
  pids=()
  for ((i = 0; i < n; i++)); do
    if [ "$n" -eq 1 ]; then
      shard=()
    else
      shard=(--shard "$i/$n")
    fi
    ( s=$(now)
      /usr/bin/time -f '%U %S' -o "$dir/cpu-$i" "$root/melt" generate "${spec[@]}" --threads "$threads" \
        "${shard[@]}" --output "$dir/shard-$i" > /dev/null
      e=$(now)
      echo "$s $e" > "$dir/time-$i" ) &
    pids+=($!)
  done
  for p in "${pids[@]}"; do
    wait "$p"
  done
  end=$(now)
  total=0
  cpu=0
  for ((i = 0; i < n; i++)); do
    read -r s e < "$dir/time-$i"
    read -r u k < "$dir/cpu-$i"
    b=$(bytes_of "$dir/shard-$i")
    total=$((total + b))
    cpu=$(echo "$cpu + $u + $k" | bc -l)
    printf '  n=%d shard %d/%d: %6.0f MB in %6.2f s = %5.0f MB/s (threads %d, CPU %.2f s)\n' "$n" "$i" "$n" \
      "$(echo "$b / 1000000" | bc -l)" "$(echo "$e - $s" | bc -l)" "$(echo "$b / 1000000 / ($e - $s)" | bc -l)" \
      "$threads" "$(echo "$u + $k" | bc -l)"
  done
  wall=$(echo "$end - $start" | bc -l)
  printf 'n=%d total: %6.0f MB in %6.2f s = %5.0f MB/s, CPU %.2f s over all shards\n' "$n" \
    "$(echo "$total / 1000000" | bc -l)" "$wall" "$(echo "$total / 1000000 / $wall" | bc -l)" "$cpu"
  if [ "$n" -eq 1 ]; then
    whole_manifest=$(cat "$dir/shard-0/manifest.json")
  else
    shards=()
    for ((i = 0; i < n; i++)); do
      shards+=("$dir/shard-$i")
    done
    s=$(now)
    "$root/melt" merge --output "$dir/merged" "${shards[@]}" > /dev/null
    e=$(now)
    same=unchecked
    if [ -n "$whole_manifest" ]; then
      if [ "$(cat "$dir/merged/manifest.json")" = "$whole_manifest" ]; then same="= the whole run's"; else same=DIFFERS; fi
    fi
    printf 'n=%d merge: %.2f s, manifest %s\n' "$n" "$(echo "$e - $s" | bc -l)" "$same"
    [ "$same" != DIFFERS ] || exit 1
  fi
  rm -rf "$dir"
done
