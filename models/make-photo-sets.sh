#!/usr/bin/env bash
# Builds the photo folders the shipped models were trained and evaluated on, as symbolic links to
# the files of Debian's wallpaper packages (installed here when missing). Photographs only; the
# renders and illustrations of the same packages are left out. Usage: models/make-photo-sets.sh DIR
# -> DIR/train (20 photos: the base model's set), DIR/train35 (those and 15 photos of the Lomiri
# wallpaper packages: the fifth session's fine-tunes) and DIR/heldout (5 photos of the same packages
# never used in training or tuning). The independent evaluation set is built by
# bench/independent-eval.sh, apart from this.
set -euo pipefail
out="${1:?usage: $0 DIR}"
need=()
[ -d /usr/share/backgrounds/mate/nature ] || need+=(mate-backgrounds)
[ -d /usr/share/wallpapers/Autumn ] || need+=(plasma-workspace-wallpapers)
[ -f /usr/share/backgrounds/Bridge_by_Sander_Klootwijk.jpg ] || need+=(lomiri-wallpapers-16.04)
[ -f /usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg ] || need+=(lomiri-wallpapers-20.04)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
  else echo "install: sudo apt-get install ${need[*]}" >&2; exit 1; fi
fi
mate=/usr/share/backgrounds/mate/nature
kde=/usr/share/wallpapers
largest() { ls -S "$kde/$1/contents/images/"* | head -1; }
mkdir -p "$out/train" "$out/train35" "$out/heldout"
for f in Dune Aqua TwoWings Storm GreenMeadow RainDrops Blinds LadyBird YellowFlower; do
  ln -sfn "$mate/$f.jpg" "$out/train/mate-$f.jpg"
done
for d in Autumn BytheWater ColdRipple ColorfulCups DarkestHour EveningGlow FallenLeaf Grey OneStandsOut summer_1am MilkyWay; do
  f="$(largest "$d")"; ln -sfn "$f" "$out/train/kde-$d.${f##*.}"
done
for f in "$out"/train/*; do ln -sfn "$(readlink -f "$f")" "$out/train35/$(basename "$f")"; done
for f in Bridge_by_Sander_Klootwijk Dragonfly_by_Bolly Kleiber_by_Lukas_Baubkus Picture_0B_by_freespace Picture_1A_by_freespace \
         Wine_by_Jakkub_Mede aitzgorri_by_Aitzol_Berasategi analogpattern_by_Peter_Nerlich free_by_Peter_Nerlich \
         friends_by_Aitzol_Berasategi greentock_by_Peter_Nerlich life_by_Aitzol_Berasategi picosdeeuropa_by_Aitzol_Berasategi \
         seeding_by_Clements_Engelhardt sunset_by_Aitzol_Berasategi; do
  ln -sfn "/usr/share/backgrounds/$f.jpg" "$out/train35/lomiri-$f.jpg"
done
for f in Garden Wood FreshFlower; do
  ln -sfn "$mate/$f.jpg" "$out/heldout/mate-$f.jpg"
done
for d in Path Kite; do
  f="$(largest "$d")"; ln -sfn "$f" "$out/heldout/kde-$d.${f##*.}"
done
echo "$(ls "$out/train" | wc -l) (train) and $(ls "$out/train35" | wc -l) (train35) training and $(ls "$out/heldout" | wc -l) held-out photos in $out"
