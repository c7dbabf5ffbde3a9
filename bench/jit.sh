#!/usr/bin/env bash
# C1 only (-XX:TieredStopAtLevel=1) against the JVM's default tiered compiler (C1 then C2), per
# verb, wall time of the whole command, alternating the two in each round. The Java-heavy verbs
# run on a synthetic SIZE×SIZE 8-bit image (a smooth gradient with shapes and noise, and a noisier
# copy), made once with numpy/PIL: metrics (PNG decoding, SSIM, MS-SSIM), compress and decompress
# with the shipped codec (network plus the Java arithmetic coder), report (the inspector), and
# summary (cold start: JVM, libtorch load, one forward pass). Prints one table: median and
# min–max seconds per verb and compiler, and tiered ÷ C1.
#   SIZE=2048 ROUNDS=5 bench/jit.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
HG="${HOURGLASS:-./hourglass}"
SIZE="${SIZE:-2048}"; ROUNDS="${ROUNDS:-5}"
VERBS="${VERBS:-summary metrics compress decompress report}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$work" "$SIZE" <<'PY'
import sys, numpy as np
from PIL import Image
d, n = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(1)
y, x = np.mgrid[0:n, 0:n] / n
img = 0.5 + 0.3 * np.sin(6 * x) * np.cos(4 * y)
for _ in range(40):  # discs of random grey
    cx, cy, r = rng.random(3) * [1, 1, 0.1]
    img[(x - cx) ** 2 + (y - cy) ** 2 < r * r] = rng.random()
a = np.clip(img + rng.normal(0, 0.02, img.shape), 0, 1)
b = np.clip(a + rng.normal(0, 0.05, img.shape), 0, 1)
Image.fromarray((a * 255).astype(np.uint8)).save(f"{d}/a.png")
Image.fromarray((b * 255).astype(np.uint8)).save(f"{d}/b.png")
PY
"$HG" device > /dev/null
"$HG" compress "$work/a.png" "$work/ref.hg" > /dev/null 2>&1 # the input of decompress
run() { # verb → the command line
  case "$1" in
    summary) echo "summary" ;;
    metrics) echo "metrics $work/a.png $work/b.png" ;;
    compress) echo "compress $work/a.png $work/out.hg" ;;
    decompress) echo "decompress $work/ref.hg $work/out.png" ;;
    report) echo "report -o $work/report.md" ;;
    *) echo "unknown verb $1" >&2; exit 2 ;;
  esac
}
results="${RAW:-$(mktemp /tmp/hourglass-jit.XXXXXX)}" # raw lines, kept: RAW=FILE to choose
echo "raw results: $results" >&2
echo "load before: $(uptime)" >&2
for r in $(seq 1 "$ROUNDS"); do
  for v in $VERBS; do
    for jit in c1 tiered; do
      echo "round $r/$ROUNDS $v $jit" >&2
      rm -f "$work/out.hg" "$work/out.png" "$work/report.md"
      t0=$(date +%s.%N)
      # shellcheck disable=SC2046
      HOURGLASS_JIT=$jit "$HG" $(run "$v") > /dev/null 2>&1 || true # report exits 1 when a check is unticked
      t1=$(date +%s.%N)
      echo "$v $jit $(echo "$t1 - $t0" | bc)" >> "$results"
    done
  done
done
echo "load after: $(uptime)" >&2
/usr/bin/python3 - "$results" "$SIZE" <<'PY'
import sys, statistics
from collections import defaultdict
t = defaultdict(list); order = []
for line in open(sys.argv[1]):
    v, jit, s = line.split()
    if v not in order: order.append(v)
    t[(v, jit)].append(float(s))
def cell(xs): return f"{statistics.median(xs):.2f} ({min(xs):.2f}–{max(xs):.2f})"
print(f"| verb ({sys.argv[2]}² image) | C1 only, s | tiered (C1+C2), s | tiered ÷ C1 |")
print("|---|---:|---:|---:|")
for v in order:
    a, b = t[(v, "c1")], t[(v, "tiered")]
    print(f"| {v} | {cell(a)} | {cell(b)} | {statistics.median(b) / statistics.median(a):.2f} |")
PY
