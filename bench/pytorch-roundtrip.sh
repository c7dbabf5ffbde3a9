#!/usr/bin/env bash
# hourglass → PyTorch → hourglass on three models: a small baseline-shaped one (BatchNorm, LeakyReLU,
# Sigmoid), a small U-Net with residual blocks (skips, residual adds), both trained briefly on phantoms
# here, and the shipped learned codec models/factorized-2.ckpt (GDN, entropy model; factorized-3 until the eleventh session).
# For each: `export --format safetensors`, then under Debian's PyTorch (/usr/bin/python3, python3-torch)
#   1. `python model.py weights.safetensors img.png out.png --raw out.f32` against what `hourglass reconstruct`
#      computes (its Reconstruction.run, as float32 before PNG rounding: bench/ReconstructFloats.java):
#      max |Δ| must be ≤ 1e-5; and the two PNGs compared pixel by pixel;
#   2. torch.save(model.state_dict(), sd.pt) from model.py's module → `hourglass import` → the same
#      fingerprint as importing weights.safetensors (the weights came back unchanged).
# Last line: "roundtrip: ok, max |Δ| = …" or a failure (exit 1).
#   bench/pytorch-roundtrip.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
HG="${HOURGLASS:-./hourglass}"
PY=/usr/bin/python3
# populate JavaCPP's native cache before anything maps Debian's libtorch (notes, trap 10)
"$HG" device > /dev/null
$PY -c 'import torch' 2>/dev/null || { echo "needs Debian's python3-torch (apt-get install python3-torch)" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
echo "PyTorch $($PY -c 'import torch; print(torch.__version__)'), $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%F)"

# a synthetic 8-bit test image, 100×72 (not a multiple of 16: the padding is exercised)
$PY - "$work/img.png" <<'PY'
import math, struct, sys, zlib
w, h = 100, 72
rows = b"".join(b"\x00" + bytes(round(255 * max(0, min(1, 0.5 + 0.3 * math.sin(x / 7) * math.cos(y / 11)
       + (0.2 if (x - 50) ** 2 + (y - 24) ** 2 < 300 else 0)))) for x in range(w)) for y in range(h))
chunk = lambda k, b: struct.pack(">I", len(b)) + k + b + struct.pack(">I", zlib.crc32(k + b) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY

small() { # name stageChannels latent skips residualBlocks
  "$HG" spec --arch baseline | $PY -c "
import json, sys
s = json.load(sys.stdin); s.update(imageSize=64, stageChannels=$2, latentChannels=$3, skips='$4', residualBlocks=$5)
print(json.dumps(s))" > "$work/$1.json"
  "$HG" train --spec "$work/$1.json" --steps 30 --batch 4 --validate-every 30 --val-images 4 --out "$work/run-$1" > /dev/null
  echo "$work/run-$1/final.ckpt"
}
declare -A ckpt
ckpt[small-baseline]=$(small small-baseline "[8, 16, 16]" 8 none 0)
ckpt[small-unet-residual]=$(small small-unet-residual "[8, 16, 16]" 8 concat 1)
ckpt[factorized-2]=models/factorized-2.ckpt
"$HG" spec --checkpoint models/factorized-2.ckpt > "$work/factorized-2.json"

worst=0
for name in small-baseline small-unet-residual factorized-2; do
  c=${ckpt[$name]}; d="$work/export-$name"
  "$HG" export --checkpoint "$c" --format safetensors -o "$d" > /dev/null
  (cd "$d" && $PY model.py weights.safetensors "$work/img.png" "$d/pytorch.png" --raw "$d/pytorch.f32" > /dev/null)
  java -cp target/hourglass.jar bench/ReconstructFloats.java "$c" "$work/img.png" "$d/hourglass.f32"
  "$HG" reconstruct --checkpoint "$c" "$work/img.png" "$d/hourglass.png" > /dev/null
  $PY - "$d" <<'PY' > "$d/sd.log"
import sys, torch
sys.path.insert(0, sys.argv[1]); import model
m = model.Autoencoder(); m.load_state_dict(model.load_safetensors(sys.argv[1] + "/weights.safetensors"), strict=True)
torch.save(m.state_dict(), sys.argv[1] + "/sd.pt")
PY
  a=$("$HG" import --pytorch "$d/weights.safetensors" --spec "$work/$name.json" -o "$d/a.ckpt" | sed 's/.*fingerprint //')
  b=$("$HG" import --pytorch "$d/sd.pt" --spec "$work/$name.json" -o "$d/b.ckpt" | sed 's/.*fingerprint //')
  line=$($PY - "$d" <<'PY'
import array, sys
sys.path.insert(0, sys.argv[1]); import model
p, h = array.array("f"), array.array("f")
p.frombytes(open(sys.argv[1] + "/pytorch.f32", "rb").read()); h.frombytes(open(sys.argv[1] + "/hourglass.f32", "rb").read())
assert len(p) == len(h), (len(p), len(h))
d = max(abs(x - y) for x, y in zip(p, h))
a, _ = model.read_png(sys.argv[1] + "/pytorch.png"); b, _ = model.read_png(sys.argv[1] + "/hourglass.png")
print("%.3g %d %d" % (d, int((a != b).sum()), a.numel()))
PY
)
  read -r delta pngdiff pixels <<< "$line"
  same=$([ "$a" = "$b" ] && echo "same fingerprint" || echo "FINGERPRINT DIFFERS ($a vs $b)")
  echo "$name: max |Δ| = $delta over $pixels pixels; PNGs differ in $pngdiff pixels; state_dict → import: $same"
  [ "$a" = "$b" ] || { echo "roundtrip: FAILED ($name: the state_dict did not import back unchanged)"; exit 1; }
  worst=$($PY -c "print(max($worst, $delta))")
done
if $PY -c "import sys; sys.exit(0 if $worst <= 1e-5 else 1)"; then
  echo "roundtrip: ok, max |Δ| = $worst (≤ 1e-5)"
else
  echo "roundtrip: FAILED, max |Δ| = $worst (> 1e-5)"; exit 1
fi
