#!/usr/bin/env bash
# Quality benchmark: trains baseline, skips and residual for the same budget on the nature photos of
# Debian's mate-backgrounds package (colour JPEGs, read as BT.601 luma), holding out a quarter of the
# files for validation, and prints validation PSNR/SSIM, images/s and wall time per model.
#   STEPS=300 BATCH=8 bench/quality.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
STEPS="${STEPS:-300}"
BATCH="${BATCH:-8}"
DATA=/usr/share/backgrounds/mate/nature
if [ ! -d "$DATA" ]; then
  echo "installing Debian's mate-backgrounds (the nature photos)..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq mate-backgrounds
fi
HG="${HOURGLASS:-./hourglass}"   # another launcher, e.g. a copy of the jar, when the sources are being edited
"$HG" device
for arch in baseline skips residual; do
  out="runs/quality-$arch"
  rm -rf "$out"
  echo "== $arch: $STEPS steps, batch $BATCH" >&2
  "$HG" train --arch "$arch" --data "$DATA" --steps "$STEPS" --batch "$BATCH" --val-fraction 0.25 --val-images 32 \
    --validate-every "$STEPS" --log-every 50 --seed 0 --out "$out"
done
python3 - "$STEPS" "$BATCH" <<'PY'
import json, sys, platform, datetime
print(f"\n| model | parameters | validation PSNR (dB) | SSIM | mean-image PSNR (dB) | images/s | wall time |")
print("|---|---:|---:|---:|---:|---:|---:|")
params = {"baseline": "1,839,809", "skips": "2,496,193", "residual": "5,089,985"}
for arch in ["baseline", "skips", "residual"]:
    s = json.load(open(f"runs/quality-{arch}/summary.json"))
    print(f"| {arch} | {params[arch]} | {s['validationPsnr']:.2f} | {s['validationSsim']:.4f} | {s['meanImagePsnr']:.2f} | "
          f"{s['imagesPerSecond']:.1f} | {s['wallSeconds']/60:.1f} min |")
print(f"\n{sys.argv[1]} steps of batch {sys.argv[2]} (256×256 crops), {s['validationTiles']} validation tiles from held-out files; "
      f"libtorch {s['libtorch']}, {s['threads']} threads, {platform.processor() or platform.machine()}, {datetime.date.today()}")
PY
