#!/usr/bin/env bash
# hourglass against PyTorch from Python on the same baseline autoencoder, batch and threads,
# alternating runs in one session, with the same allocator for both (the fair race): the launcher's
# default, jemalloc preloaded with the launcher's MALLOC_CONF, is given to Python too
# (ALLOCATOR=glibc: both on glibc with the launcher's MALLOC_* settings), and the launcher's
# OMP_WAIT_POLICY=PASSIVE (both use libgomp). Prints a table per batch
# and, last, one line per batch: "training ratio b8: X.XX  inference ratio b8: Y.YY" (our
# throughput ÷ theirs; above 1 means hourglass is faster). Our inference folds BatchNorm and runs
# under InferenceMode; with UNFOLDED=1 (default) it is also timed as before (`bench --unfolded`),
# which is what torch_ref.py does in PyTorch, and that ratio is printed too.
#   BATCHES="8 32" THREADS=2 ROUNDS=3 bench/compare-pytorch.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BATCHES="${BATCHES:-${BATCH:-8 32}}"; THREADS="${THREADS:-2}"; ROUNDS="${ROUNDS:-3}"; STEPS="${STEPS:-5}"
UNFOLDED="${UNFOLDED:-1}"; ALLOCATOR="${ALLOCATOR:-jemalloc}"
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
# The same allocator environment for both sides. Some machines here set OPENBLAS_CORETYPE /
# OPENBLAS_L2_SIZE for old OpenBLAS builds; they slow a current one (both sides use OpenBLAS
# 0.3.2x/0.3.3x), so both sides run without them.
common=(-u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE -u LD_PRELOAD -u MALLOC_CONF OMP_WAIT_POLICY=PASSIVE
        MALLOC_MMAP_THRESHOLD_=4000000000 MALLOC_TRIM_THRESHOLD_=4000000000 MALLOC_TOP_PAD_=536870912)
case "$ALLOCATOR" in
  jemalloc)
    je=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
    [ -f "$je" ] || { echo "ALLOCATOR=jemalloc needs $je (apt-get install libjemalloc2), or use ALLOCATOR=glibc" >&2; exit 2; }
    common+=(LD_PRELOAD="$je" MALLOC_CONF=oversize_threshold:0,dirty_decay_ms:-1,muzzy_decay_ms:-1 HOURGLASS_ALLOCATOR=auto) ;;
  glibc) common+=(HOURGLASS_ALLOCATOR=glibc) ;;
  *) echo "ALLOCATOR must be jemalloc or glibc" >&2; exit 2 ;;
esac
echo "allocator for both: $ALLOCATOR; load before: $(uptime)" >&2
results="${RAW:-$(mktemp /tmp/hourglass-compare-pytorch.XXXXXX)}" # raw lines, kept: RAW=FILE to choose
echo "raw results: $results" >&2
for r in $(seq 1 "$ROUNDS"); do
  for b in $BATCHES; do
    echo "round $r/$ROUNDS batch $b" >&2
    env "${common[@]}" /usr/bin/python3 "$REF" "$b" "$STEPS" "$THREADS" | sed 's/^/torch /' >> "$results"
    env "${common[@]}" "$HG" bench --arch baseline --batch "$b" --threads "$THREADS" --repeats "$STEPS" --warmup 1 --format json \
      | tr -d '\n' | sed 's/^/ours /; s/$/\n/' >> "$results"
    if [ "$UNFOLDED" = 1 ]; then
      env "${common[@]}" "$HG" bench --arch baseline --batch "$b" --threads "$THREADS" --repeats "$STEPS" --warmup 1 --unfolded --format json \
        | tr -d '\n' | sed 's/^/unfolded /; s/$/\n/' >> "$results"
    fi
  done
done
echo "load after: $(uptime)" >&2
/usr/bin/python3 - "$results" "$ALLOCATOR" <<'PY'
import json, sys, statistics
from collections import defaultdict
runs = defaultdict(list)  # (kind, batch) -> results
for line in open(sys.argv[1]):
    kind, _, payload = line.partition(" ")
    d = json.loads(payload)
    runs[(kind, d["batch"] if kind == "torch" else d["results"][0]["batch"])].append(d)
def med(xs): return statistics.median(xs)
def span(xs): return f"{med(xs):.3f} ({min(xs):.3f}–{max(xs):.3f})"
batches = sorted({b for _, b in runs})
lines = []
for b in batches:
    t, o, u = runs[("torch", b)], runs[("ours", b)], runs.get(("unfolded", b), [])
    tt = [x["train_step_s"] for x in t]; ti = [x["infer_batch_s"] for x in t]
    ot = [x["results"][0]["trainStepSeconds"]["median"] for x in o]; oi = [x["results"][0]["inferenceSeconds"]["median"] for x in o]
    ui = [x["results"][0]["inferenceSeconds"]["median"] for x in u]
    print(f"| batch {b}, allocator {sys.argv[2]} for both | PyTorch ({t[0]['impl']}) | hourglass (libtorch {o[0]['libtorch']}) |")
    print("|---|---:|---:|")
    print(f"| training step, median s (min–max over {len(t)} runs) | {span(tt)} | {span(ot)} |")
    print(f"| inference of a batch, median s (min–max) | {span(ti)} | {span(oi)} |")
    if ui: print(f"| inference, ours without BatchNorm folding (`--unfolded`) | | {span(ui)} |")
    print(f"| 2048² matmul GFLOP/s | {med([x['gemm_gflops'] for x in t]):.1f} | {med([x['matmulGflops'] for x in o]):.1f} |")
    print(f"| threads | {t[0]['threads']} | {o[0]['threads']} |")
    print()
    line = f"training ratio b{b}: {med(tt) / med(ot):.2f}  inference ratio b{b}: {med(ti) / med(oi):.2f}"
    if ui: line += f"  (unfolded: {med(ti) / med(ui):.2f})"
    lines.append(line)
print("\n".join(lines))
PY
