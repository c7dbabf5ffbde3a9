#!/usr/bin/env bash
# Data-parallel measurements on one machine (README, "Training on several processes"):
#  1. throughput of 1 rank × 2 threads (batch 8) against 2 ranks × 1 thread (batch 4 each), same global batch;
#  2. time spent averaging gradients per step for models of different sizes (2 ranks).
# Runs alternate (A B A B ...) so that a change in the machine's load hits both sides alike.
# Usage: bench/data-parallel.sh [steps] [repeats]     (defaults 30 and 2); writes under ${OUT:-/tmp/hg-dp}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-30}"; repeats="${2:-2}"; out="${OUT:-/tmp/hg-dp}"
rm -rf "$out"; mkdir -p "$out"
hg() { "$root/hourglass" "$@"; }
# images/s over the logged windows after the first (the first holds start-up and the first, slow steps)
rate() { python3 -c "import json,sys,statistics as s; w=[json.loads(l)['imagesPerSecond'] for l in open(sys.argv[1]) if '\"train\"' in l][1:]; print('%.1f' % s.median(w))" "$1"; }
echo "date: $(date -u +%FT%TZ); CPU: $(lscpu | grep 'Model name' | sed 's/.*: *//'); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$repeats"); do
  for arch in ${ARCHS_AB:-baseline}; do
    hg train --arch $arch --steps "$steps" --batch 8 --threads 2 --log-every 5 --validate-every 100000 --val-images 2 \
      --out "$out/one-$arch-$i" > "$out/one-$arch-$i.log" 2>&1
    hg train --arch $arch --steps "$steps" --batch 4 --nproc 2 --log-every 5 --validate-every 100000 --val-images 2 \
      --out "$out/two-$arch-$i" > "$out/two-$arch-$i.log" 2>&1
    echo "$arch run $i: 1 rank × 2 threads $(rate "$out/one-$arch-$i/metrics.jsonl") img/s;" \
      "2 ranks × 1 thread $(rate "$out/two-$arch-$i/metrics.jsonl") img/s; $(grep -o 'rank 0 [0-9].*' "$out/two-$arch-$i.log")"
  done
done
for arch in ${ARCHS_TWO:-residual factorized}; do
  hg train --arch $arch --steps "$steps" --batch 4 --nproc 2 --log-every 5 --validate-every 100000 --val-images 2 \
    --out "$out/two-$arch" > "$out/two-$arch.log" 2>&1
  echo "$arch: 2 ranks × 1 thread $(rate "$out/two-$arch/metrics.jsonl") img/s; $(grep -o 'rank 0 [0-9].*' "$out/two-$arch.log")"
done
