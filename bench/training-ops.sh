#!/usr/bin/env bash
# Per-operator training times (forward with autograd, then backward), hourglass's libtorch 2.10 from
# Java (bench/TrainingOps.java) against Debian's PyTorch 1.13 from Python (bench/torch_training_ops.py),
# on the course baseline's layers one by one, same batch, threads and allocator (jemalloc for both,
# as compare-pytorch.sh), NCHW and channels-last, alternating runs. Where the training step's time
# goes, and where the two differ. Prints one table per layout (medians over ROUNDS runs).
#   BATCH=8 THREADS=2 ROUNDS=3 REPEATS=10 bench/training-ops.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BATCH="${BATCH:-8}"; THREADS="${THREADS:-2}"; ROUNDS="${ROUNDS:-3}"; REPEATS="${REPEATS:-10}"
HG="${HOURGLASS:-./hourglass}"
"$HG" device > /dev/null # builds the jar when needed
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "needs Debian's python3-torch (bench/compare-pytorch.sh installs it)" >&2; exit 2; }
je=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
[ -f "$je" ] || { echo "needs $je (apt-get install libjemalloc2)" >&2; exit 2; }
common=(-u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE LD_PRELOAD="$je" TORCH_CPP_LOG_LEVEL=ERROR
        MALLOC_CONF=oversize_threshold:0,dirty_decay_ms:-1,muzzy_decay_ms:-1)
results="${RAW:-$(mktemp /tmp/hourglass-training-ops.XXXXXX)}" # raw lines, kept: RAW=FILE to choose
echo "raw results: $results" >&2
echo "load before: $(uptime)" >&2
for r in $(seq 1 "$ROUNDS"); do
  for layout in nchw channels-last; do
    echo "round $r/$ROUNDS $layout" >&2
    env "${common[@]}" /usr/bin/python3 bench/torch_training_ops.py "$BATCH" "$REPEATS" "$THREADS" "$layout" | grep '^{' >> "$results"
    env "${common[@]}" java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp target/hourglass.jar bench/TrainingOps.java \
      "$BATCH" "$REPEATS" "$THREADS" "$layout" | grep '^{' >> "$results"
  done
done
echo "load after: $(uptime)" >&2
/usr/bin/python3 - "$results" "$BATCH" <<'PY'
import json, sys, statistics
from collections import defaultdict
runs = defaultdict(list)  # (impl, layout) -> [ops]
for line in open(sys.argv[1]):
    d = json.loads(line)
    runs[(d["impl"].split()[0], d["layout"])].append(d["ops"])
impls = sorted({k[0] for k in runs})
med = statistics.median
for layout in ("nchw", "channels-last"):
    ours, torch = runs[("libtorch-java", layout)], runs[("pytorch-python", layout)]
    print(f"\n{layout}, batch {sys.argv[2]}: ms per layer, forward + backward, median of {len(ours)} runs")
    print("| layer | hourglass forward | hourglass backward | PyTorch forward | PyTorch backward | hourglass ÷ PyTorch (sum) |")
    print("|---|---:|---:|---:|---:|---:|")
    tot = [0.0] * 4
    for i, row in enumerate(ours[0]):
        assert all(t[i][0] == row[0] for t in torch), f"layer {i}: {row[0]} against {torch[0][i][0]}"
        v = [med(o[i][1] for o in ours), med(o[i][2] for o in ours), med(t[i][1] for t in torch), med(t[i][2] for t in torch)]
        v = [x * 1000 for x in v]
        tot = [a + b for a, b in zip(tot, v)]
        print(f"| {row[0]} | {v[0]:.2f} | {v[1]:.2f} | {v[2]:.2f} | {v[3]:.2f} | {(v[0] + v[1]) / (v[2] + v[3]):.2f} |")
    print(f"| total | {tot[0]:.1f} | {tot[1]:.1f} | {tot[2]:.1f} | {tot[3]:.1f} | {(tot[0] + tot[1]) / (tot[2] + tot[3]):.2f} |")
PY
