#!/usr/bin/env bash
# Per-operator forward times, hourglass (libtorch 2.10 through Java) against PyTorch from Python
# (Debian's 1.13), on the baseline autoencoder, same batch, threads and allocator (jemalloc for
# both, as compare-pytorch.sh), alternating runs: where a gap between the two comes from.
# `./hourglass bench --profile` against bench/torch_ops.py; both time each operation from the end of
# the previous one, in eval mode without autograd (BatchNorm unfolded on both sides) and in the
# training-mode forward with autograd. Prints one table per mode (medians over ROUNDS runs).
#   BATCH=8 THREADS=2 ROUNDS=3 REPEATS=5 bench/profile-ops.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BATCH="${BATCH:-8}"; THREADS="${THREADS:-2}"; ROUNDS="${ROUNDS:-3}"; REPEATS="${REPEATS:-5}"
HG="${HOURGLASS:-./hourglass}"
REF="${TORCH_REF:-../shared/bench/torch_ref.py}"
"$HG" device > /dev/null
common=(-u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
        MALLOC_CONF=oversize_threshold:0,dirty_decay_ms:-1,muzzy_decay_ms:-1 HOURGLASS_ALLOCATOR=auto)
results="${RAW:-$(mktemp /tmp/hourglass-profile-ops.XXXXXX)}" # raw lines, kept: RAW=FILE to choose
echo "raw results: $results" >&2
echo "load before: $(uptime)" >&2
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS" >&2
  env "${common[@]}" /usr/bin/python3 bench/torch_ops.py "$BATCH" "$REPEATS" "$THREADS" "$REF" | sed 's/^/torch /' >> "$results"
  env "${common[@]}" "$HG" bench --profile --arch baseline --batch "$BATCH" --threads "$THREADS" --repeats "$REPEATS" --warmup 1 --format json \
    | tr -d '\n' | sed 's/^/ours /; s/$/\n/' >> "$results"
done
echo "load after: $(uptime)" >&2
/usr/bin/python3 - "$results" "$BATCH" <<'PY'
import json, sys, statistics
torch, ours = [], []
for line in open(sys.argv[1]):
    kind, _, payload = line.partition(" ")
    (torch if kind == "torch" else ours).append(json.loads(payload))
med = statistics.median
for mode, total in (("eval", "eval_total_s"), ("train-forward", "train_forward_total_s")):
    print(f"\n{mode}, batch {sys.argv[2]}: ms per operation, median of {len(ours)} runs")
    print(f"| # | operation (hourglass) | kind | hourglass ms | PyTorch ms ({torch[0]['impl']}) | hourglass ÷ PyTorch |")
    print("|---:|---|---|---:|---:|---:|")
    our_ops = [next(r for r in o if r["mode"] == mode)["ops"] for o in ours]
    n = len(our_ops[0])
    for i in range(n):
        a = med(o[i]["seconds"]["median"] for o in our_ops) * 1000
        b = med(t[mode][i][2] for t in torch) * 1000 if i < len(torch[0][mode]) else float("nan")
        print(f"| {i} | {our_ops[0][i]['path']} | {our_ops[0][i]['kind']} | {a:.2f} | {b:.2f} | {a / b:.2f} |")
    a = med(next(r for r in o if r["mode"] == mode)["totalMedianSeconds"] for o in ours) * 1000
    b = med(t[total] for t in torch) * 1000
    print(f"| | total | | {a:.2f} | {b:.2f} | {a / b:.2f} |")
PY
