#!/usr/bin/env bash
# Inference with BatchNorm folded into the convolutions and InferenceMode (what reconstruct,
# compress and decompress run) against inference as it ran before (`bench --unfolded`: the model
# itself under NoGradGuard), alternating in each round, one process per measurement.
# Prints one table: inference img/s, median and min–max over ROUNDS, and the speed-up.
#   PRESETS="baseline residual skips" BATCH=8 ROUNDS=3 bench/folding.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
HG="${HOURGLASS:-./hourglass}"
PRESETS="${PRESETS:-baseline residual skips}"; BATCH="${BATCH:-8}"; ROUNDS="${ROUNDS:-3}"
REPEATS="${REPEATS:-5}"; THREADS="${THREADS:-2}"
"$HG" device > /dev/null
results="${RAW:-$(mktemp /tmp/hourglass-folding.XXXXXX)}" # raw lines, kept: RAW=FILE to choose
echo "raw results: $results" >&2
echo "load before: $(uptime)" >&2
for r in $(seq 1 "$ROUNDS"); do
  for p in $PRESETS; do
    for mode in folded unfolded; do
      echo "round $r/$ROUNDS $p $mode" >&2
      flag=""; [ "$mode" = unfolded ] && flag="--unfolded"
      # shellcheck disable=SC2086
      echo "$mode $("$HG" bench --arch "$p" --batch "$BATCH" --threads "$THREADS" --repeats "$REPEATS" --warmup 2 $flag --format json | tr -d '\n')" >> "$results"
    done
  done
done
echo "load after: $(uptime)" >&2
/usr/bin/python3 - "$results" "$BATCH" <<'PY'
import json, sys, statistics
from collections import defaultdict
runs = defaultdict(list); order = []
for line in open(sys.argv[1]):
    mode, _, payload = line.partition(" ")
    r = json.loads(payload)["results"][0]
    if r["arch"] not in order: order.append(r["arch"])
    runs[(r["arch"], mode)].append(r["batch"] / r["inferenceSeconds"]["median"])
def cell(xs): return f"{statistics.median(xs):.1f} ({min(xs):.1f}–{max(xs):.1f})"
print(f"| preset, batch {sys.argv[2]} | unfolded, NoGradGuard: img/s | folded, InferenceMode: img/s | speed-up |")
print("|---|---:|---:|---:|")
for a in order:
    u, f = runs[(a, "unfolded")], runs[(a, "folded")]
    print(f"| {a} | {cell(u)} | {cell(f)} | {statistics.median(f) / statistics.median(u):.2f}× |")
PY
