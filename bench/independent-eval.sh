#!/usr/bin/env bash
# Independent evaluation of the shipped codec models on the photographs of Debian's python3-skimage.
# These images are reserved for evaluation: nothing in hourglass trains, tunes or tests on them;
# run this only to measure, after the models are final. Usage: bench/independent-eval.sh [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-runs/eval-independent}"
sk=/usr/lib/python3/dist-packages/skimage/data
if [ ! -f "$sk/camera.png" ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y --no-install-recommends python3-skimage >/dev/null
  else echo "install: sudo apt-get install python3-skimage" >&2; exit 1; fi
fi
set_dir="$(mktemp -d)"
trap 'rm -rf "$set_dir"' EXIT
for f in astronaut camera chelsea coffee coins moon motorcycle_left; do
  ln -s "$sk/$f.png" "$set_dir/$f.png"   # PNGs only: a JPEG original would flatter JPEG
done
"$root/hourglass" eval --data "$set_dir" --out "$out"
