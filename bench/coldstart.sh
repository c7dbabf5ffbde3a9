#!/usr/bin/env bash
# Cold start of `./hourglass summary` (JVM start, libtorch load, one forward pass of batch 4):
# wall time of N fresh processes, with the jar already built and the native cache populated.
#   N=5 bench/coldstart.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N="${N:-5}"
HG="${HOURGLASS:-./hourglass}"
"$HG" device > /dev/null   # build the jar and populate the native cache first: not part of a cold start
times=()
for i in $(seq 1 "$N"); do
  t0=$(date +%s%N)
  "$HG" summary > /dev/null
  t1=$(date +%s%N)
  times+=("$(( (t1 - t0) / 1000000 ))")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "summary cold start over $N runs (ms): $(echo $sorted)"
echo "median: $(echo "$sorted" | sed -n "$(( (N + 1) / 2 ))p") ms"
