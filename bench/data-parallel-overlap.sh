#!/usr/bin/env bash
# baseline, 2 ranks × batch 4, 20 steps: gradients averaged after backward vs during it (--overlap), alternating.
# Usage: [BUCKET_MB=1] [OUT=dir] bench/data-parallel-overlap.sh  (baseline fits one 25 MiB bucket: nothing to overlap)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"; out="${OUT:-/tmp/hg-ov}"; rm -rf "$out"; mkdir -p "$out"
rate() { python3 -c "import json,sys,statistics as s; w=[json.loads(l)['imagesPerSecond'] for l in open(sys.argv[1]) if '\"train\"' in l][1:]; print('%.1f' % s.median(w))" "$1"; }
echo "date: $(date -u +%FT%TZ); CPU: $(lscpu | grep 'Model name' | sed 's/.*: *//'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 1 2; do
  for mode in after overlap; do
    extra=(); [ $mode = overlap ] && extra=(--overlap)
    "$root/hourglass" train --arch baseline --steps 20 --batch 4 --nproc 2 --log-every 5 --validate-every 100000 --val-images 2 "${extra[@]}" --bucket-mb "${BUCKET_MB:-25}" \
      --out $out/$mode-$i > $out/$mode-$i.log 2>&1
    echo "$mode run $i: $(rate $out/$mode-$i/metrics.jsonl) img/s; $(grep -o 'rank 0 [0-9].*' $out/$mode-$i.log)"
  done
done
