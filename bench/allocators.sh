#!/usr/bin/env bash
# Allocators side by side: per-image training and inference throughput and peak RSS of
# `./hourglass bench` for each allocator variant, preset and batch size, one process per
# measurement (so the peak RSS is that batch's), variants interleaved innermost and the whole
# grid repeated ROUNDS times. Prints one table: medians over the rounds, min–max in brackets,
# and each batch's img/s as a share of batch 8's under the same variant.
#   bench/allocators.sh                                   # all variants, baseline+residual, 8,16,32
#   VARIANTS="glibc je-nopurge" PRESETS=baseline BATCHES="8 32" ROUNDS=3 bench/allocators.sh
# Variants (the launcher's HOURGLASS_ALLOCATOR picks glibc or jemalloc; everything else is env):
#   glibc        the launcher's glibc settings (mmap/trim thresholds, top pad)
#   glibc-mmap0  the same plus MALLOC_MMAP_MAX_=0 (never mmap: large buffers stay in the heap)
#   je-default   jemalloc preloaded, its defaults
#   je-nopurge   jemalloc, oversize_threshold:0 (no separate arena for huge buffers, which purges
#                at once) and dirty/muzzy decay off (freed pages kept for reuse)
#   je-decay     jemalloc, oversize_threshold:0, freed pages returned after 10 s
#   je-passive   je-nopurge with OMP_WAIT_POLICY=PASSIVE (idle OpenMP threads sleep instead of spinning)
#   je-spin      je-nopurge with idle OpenMP threads spinning 300,000 rounds before they sleep (libgomp's
#                default when OMP_WAIT_POLICY is unset)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
HG="${HOURGLASS:-./hourglass}"
VARIANTS="${VARIANTS:-glibc glibc-mmap0 je-default je-nopurge je-decay}"
PRESETS="${PRESETS:-baseline residual}"
BATCHES="${BATCHES:-8 16 32}"
ROUNDS="${ROUNDS:-2}"; REPEATS="${REPEATS:-2}"; WARMUP="${WARMUP:-1}"; THREADS="${THREADS:-2}"

variant_env() {
  case "$1" in
    glibc) echo "HOURGLASS_ALLOCATOR=glibc" ;;
    glibc-mmap0) echo "HOURGLASS_ALLOCATOR=glibc MALLOC_MMAP_MAX_=0" ;;
    je-default) echo "HOURGLASS_ALLOCATOR=jemalloc MALLOC_CONF=" ;;
    je-nopurge) echo "HOURGLASS_ALLOCATOR=jemalloc MALLOC_CONF=oversize_threshold:0,dirty_decay_ms:-1,muzzy_decay_ms:-1" ;;
    je-passive) echo "HOURGLASS_ALLOCATOR=jemalloc MALLOC_CONF=oversize_threshold:0,dirty_decay_ms:-1,muzzy_decay_ms:-1 OMP_WAIT_POLICY=PASSIVE" ;;
    je-spin) echo "HOURGLASS_ALLOCATOR=jemalloc MALLOC_CONF=oversize_threshold:0,dirty_decay_ms:-1,muzzy_decay_ms:-1 OMP_WAIT_POLICY=ACTIVE GOMP_SPINCOUNT=300000" ;;
    je-decay) echo "HOURGLASS_ALLOCATOR=jemalloc MALLOC_CONF=oversize_threshold:0,dirty_decay_ms:10000,muzzy_decay_ms:0" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

"$HG" device > /dev/null # build the jar and warm JavaCPP's cache outside the timings
results="${RAW:-$(mktemp /tmp/hourglass-allocators.XXXXXX)}" # raw lines, kept: RAW=FILE to choose
echo "raw results: $results" >&2
echo "load before: $(uptime)" >&2
for r in $(seq 1 "$ROUNDS"); do
  for p in $PRESETS; do
    for b in $BATCHES; do
      for v in $VARIANTS; do
        echo "round $r/$ROUNDS $p batch $b $v" >&2
        # shellcheck disable=SC2046
        out=$(env -u LD_PRELOAD -u MALLOC_CONF -u MALLOC_MMAP_MAX_ -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT $(variant_env "$v") \
          "$HG" bench --arch "$p" --batch "$b" --threads "$THREADS" --repeats "$REPEATS" --warmup "$WARMUP" --format json | tr -d '\n')
        echo "$v $out" >> "$results"
      done
    done
  done
done
echo "load after: $(uptime)" >&2
/usr/bin/python3 - "$results" <<'PY'
import json, sys, statistics
from collections import defaultdict
runs = defaultdict(list)  # (variant, preset, batch) -> [(train img/s, infer img/s, peak MiB)]
order = []
for line in open(sys.argv[1]):
    v, _, payload = line.partition(" ")
    d = json.loads(payload)
    r = d["results"][0]
    key = (v, r["arch"], r["batch"])
    if key not in runs: order.append(key)
    runs[key].append((r["batch"] / r["trainStepSeconds"]["median"], r["batch"] / r["inferenceSeconds"]["median"],
                      d["peakRssBytes"] / 2**20))
def cell(xs, fmt="{:.1f}"):
    return (fmt + " ({}–{})").format(statistics.median(xs), fmt.format(min(xs)), fmt.format(max(xs)))
print("| preset | batch | allocator | train img/s (min–max) | vs batch 8 | infer img/s (min–max) | vs batch 8 | peak RSS MiB |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
for v, p, b in sorted(order, key=lambda k: (k[1], k[2], order.index(k))):
    xs = runs[(v, p, b)]
    tr = [x[0] for x in xs]; inf = [x[1] for x in xs]; rss = [x[2] for x in xs]
    base = runs.get((v, p, 8))
    rel_t = rel_i = ""
    if base:
        rel_t = "{:.0%}".format(statistics.median(tr) / statistics.median([x[0] for x in base]))
        rel_i = "{:.0%}".format(statistics.median(inf) / statistics.median([x[1] for x in base]))
    print(f"| {p} | {b} | {v} | {cell(tr)} | {rel_t} | {cell(inf)} | {rel_i} | {max(rss):.0f} |")
PY
