#!/usr/bin/env bash
# Two builds of hourglass side by side: runs `bench ARGS` with each jar in turn, ROUNDS times,
# alternating, in the launcher's environment (jemalloc, OMP_WAIT_POLICY=PASSIVE, C1), and prints
# each run's table rows prefixed with the jar's label. For a change's speed-up measured in one
# session on one machine, e.g. the build before a commit against the build after it:
#   git worktree add /tmp/before HEAD~1 && (cd /tmp/before && mvn -q -B -DskipTests package)
#   ROUNDS=3 bench/ab-jars.sh /tmp/before/target/hourglass.jar target/hourglass.jar --arch baseline --batch 8
# Each jar needs its lib/ folder beside it, as `mvn package` leaves it.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: bench/ab-jars.sh BEFORE.jar AFTER.jar [bench options...]" >&2; exit 2; }
before="$1"; after="$2"; shift 2
for j in "$before" "$after"; do
  [ -f "$j" ] || { echo "no jar at $j" >&2; exit 2; }
  [ -d "$(dirname "$j")/lib" ] || { echo "no lib/ folder beside $j (run mvn package there)" >&2; exit 2; }
done
cd "$(dirname "${BASH_SOURCE[0]}")/.."
je=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
env=(OMP_WAIT_POLICY=PASSIVE TORCH_CPP_LOG_LEVEL=ERROR)
[ -f "$je" ] && env+=(LD_PRELOAD="$je" MALLOC_CONF=oversize_threshold:0,dirty_decay_ms:-1,muzzy_decay_ms:-1)
echo "load before: $(uptime)" >&2
for r in $(seq 1 "${ROUNDS:-3}"); do
  for label in before after; do
    jar="$before"; [ "$label" = after ] && jar="$after"
    env "${env[@]}" java -Dhourglass.models="$PWD/models" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" bench "$@" \
      | grep -E '^[a-z][a-z0-9-]* +[0-9]+ ' | sed "s/^/$label round $r: /"
  done
done
echo "load after: $(uptime)" >&2
