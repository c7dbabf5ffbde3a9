#!/usr/bin/env bash
# Builds the photo folders the shipped models were trained and evaluated on, as symbolic links to
# the files of Debian's wallpaper packages (installed here when missing). Photographs only; the
# renders and illustrations of the same packages are left out. Usage: models/make-photo-sets.sh DIR
# -> DIR/train (20 photos) and DIR/heldout (5 photos of the same packages never used in training or
# tuning). The independent evaluation set is built by bench/independent-eval.sh, apart from this.
set -euo pipefail
out="${1:?usage: $0 DIR}"
need=()
[ -d /usr/share/backgrounds/mate/nature ] || need+=(mate-backgrounds)
[ -d /usr/share/wallpapers/Autumn ] || need+=(plasma-workspace-wallpapers)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
  else echo "install: sudo apt-get install ${need[*]}" >&2; exit 1; fi
fi
mate=/usr/share/backgrounds/mate/nature
kde=/usr/share/wallpapers
largest() { ls -S "$kde/$1/contents/images/"* | head -1; }
mkdir -p "$out/train" "$out/heldout"
for f in Dune Aqua TwoWings Storm GreenMeadow RainDrops Blinds LadyBird YellowFlower; do
  ln -sfn "$mate/$f.jpg" "$out/train/mate-$f.jpg"
done
for d in Autumn BytheWater ColdRipple ColorfulCups DarkestHour EveningGlow FallenLeaf Grey OneStandsOut summer_1am MilkyWay; do
  f="$(largest "$d")"; ln -sfn "$f" "$out/train/kde-$d.${f##*.}"
done
for f in Garden Wood FreshFlower; do
  ln -sfn "$mate/$f.jpg" "$out/heldout/mate-$f.jpg"
done
for d in Path Kite; do
  f="$(largest "$d")"; ln -sfn "$f" "$out/heldout/kde-$d.${f##*.}"
done
echo "$(ls "$out/train" | wc -l) training and $(ls "$out/heldout" | wc -l) held-out photos in $out"
