#!/usr/bin/env bash
# hourglass against PyTorch from Python on the same baseline autoencoder, batch and threads,
# alternating runs in one session. Last two lines: "training ratio: X.XX" and "inference ratio: Y.YY"
# (our throughput ÷ theirs; above 1 means hourglass is faster).
#   BATCH=8 THREADS=2 ROUNDS=3 bench/compare-pytorch.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BATCH="${BATCH:-8}"; THREADS="${THREADS:-2}"; ROUNDS="${ROUNDS:-3}"; STEPS="${STEPS:-5}"
HG="${HOURGLASS:-./hourglass}"
REF="${TORCH_REF:-../shared/bench/torch_ref.py}"
[ -f "$REF" ] || { echo "cannot find torch_ref.py at $REF (set TORCH_REF)" >&2; exit 2; }
# Populate JavaCPP's native cache before Debian's libtorch lands on the linker path: a first
# extraction with both present can crash the JVM (notes, trap 10).
"$HG" device > /dev/null
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || ! dpkg -s libopenblas0-pthread > /dev/null 2>&1; then
  echo "installing Debian's python3-torch..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  # with an optimised BLAS: Debian falls back to the reference BLAS otherwise (single-threaded, ~6 GFLOP/s)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-torch libopenblas0-pthread > /dev/null
fi
results=$(mktemp)
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS" >&2
  # some machines here set OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE for old OpenBLAS builds; they slow a current
  # one (both sides use OpenBLAS 0.3.2x/0.3.3x), so both sides run without them
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$REF" "$BATCH" "$STEPS" "$THREADS" | sed 's/^/torch /' >> "$results"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$HG" bench --arch baseline --batch "$BATCH" --threads "$THREADS" --repeats "$STEPS" --warmup 1 --format json \
    | tr -d '\n' | sed 's/^/ours /; s/$/\n/' >> "$results"
done
/usr/bin/python3 - "$results" <<'PY'
import json, sys, statistics
torch, ours = [], []
for line in open(sys.argv[1]):
    kind, _, payload = line.partition(" ")
    (torch if kind == "torch" else ours).append(json.loads(payload))
tt = statistics.median(t["train_step_s"] for t in torch)
ti = statistics.median(t["infer_batch_s"] for t in torch)
ot = statistics.median(o["results"][0]["trainStepSeconds"]["median"] for o in ours)
oi = statistics.median(o["results"][0]["inferenceSeconds"]["median"] for o in ours)
b = torch[0]["batch"]
print(f"| | PyTorch ({torch[0]['impl']}) | hourglass (libtorch {ours[0]['libtorch']}) |")
print("|---|---:|---:|")
print(f"| training step, batch {b} (median s) | {tt:.3f} | {ot:.3f} |")
print(f"| inference, batch {b} (median s) | {ti:.3f} | {oi:.3f} |")
print(f"| 2048² matmul GFLOP/s | {statistics.median(t['gemm_gflops'] for t in torch):.1f} | {statistics.median(o['matmulGflops'] for o in ours):.1f} |")
print(f"| threads | {torch[0]['threads']} | {ours[0]['threads']} |")
print(f"training ratio: {tt / ot:.2f}")
print(f"inference ratio: {ti / oi:.2f}")
PY
rm -f "$results"
