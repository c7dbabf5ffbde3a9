#!/usr/bin/env bash
# Two builds of hourglass side by side: runs `bench ARGS` with each jar in turn, ROUNDS times
# (default 3), alternating before/after, and prints each run's table rows and its matmul/RSS line,
# prefixed with the build and round. Environment as the launcher sets it (jemalloc when Debian's
# libjemalloc2 is installed, else glibc's MALLOC_* settings; OMP_WAIT_POLICY=PASSIVE; the C1 JIT
# that the launcher gives `bench`),
# where a value you set wins, as with the launcher. For a change's speed-up measured in one
# session on one machine, e.g. the build of commit BASE against the working tree's:
#   git worktree add /tmp/before BASE && (cd /tmp/before && mvn -q -B -DskipTests package)
#   mvn -q -B -DskipTests package
#   bench/ab-jars.sh /tmp/before/target/hourglass.jar target/hourglass.jar --arch baseline --batch 8
# Each jar needs the lib/ folder that `mvn package` leaves beside it.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: bench/ab-jars.sh BEFORE.jar AFTER.jar [bench options...]" >&2; exit 2; }
jars=()
for j in "$1" "$2"; do
  [ -f "$j" ] || { echo "no jar at $j" >&2; exit 2; }
  [ -d "$(dirname "$j")/lib" ] || { echo "no lib/ folder beside $j (run mvn package there)" >&2; exit 2; }
  jars+=("$(cd "$(dirname "$j")" && pwd)/$(basename "$j")")
done
shift 2
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for f in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2; do
  if [ -f "$f" ] && [ -z "${LD_PRELOAD:-}" ]; then
    export LD_PRELOAD="$f" MALLOC_CONF="${MALLOC_CONF-oversize_threshold:0,dirty_decay_ms:-1,muzzy_decay_ms:-1}"
    break
  fi
done
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-4000000000}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-4000000000}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-536870912}" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
echo "LD_PRELOAD=${LD_PRELOAD:-} OMP_WAIT_POLICY=$OMP_WAIT_POLICY; load before: $(uptime)" >&2
for r in $(seq 1 "${ROUNDS:-3}"); do
  for i in 0 1; do
    label=before; [ "$i" = 1 ] && label=after
    out=$(java -Dhourglass.models="$PWD/models" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${HOURGLASS_JAVA_OPTS:-} \
      -jar "${jars[$i]}" bench "$@") || { echo "$label round $r: bench failed (exit $?)" >&2; exit 1; }
    rows=$(grep -E '^[a-z][a-z0-9-]* +[0-9]+ |^libtorch ' <<< "$out" || true)
    [ -n "$rows" ] || { echo "$label round $r: no table rows in bench's output (text format only)" >&2; exit 1; }
    sed "s/^/$label round $r: /" <<< "$rows"
  done
done
echo "load after: $(uptime)" >&2
