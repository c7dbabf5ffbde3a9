#!/usr/bin/env bash
# JMH microbenchmarks (issue 14): the arithmetic coder, PSNR/SSIM/MS-SSIM, image loading and the
# decoder's Java convolutions, each with the JVM's default tiered JIT (C1 then C2) and with C1 only
# (-XX:TieredStopAtLevel=1, what ./hourglass runs with). Not part of `mvn -B verify`.
# Usage: bench/jmh.sh [JMH options or a benchmark regex]; results in target/jmh-{tiered,c1}.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -Pjmh test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/jmh.classpath)"
# the benchmarks' classes leave target/test-classes afterwards: the architecture tests of a later `mvn verify` read that folder
trap 'rm -rf target/test-classes/dev/hourglass/jmh target/test-classes/META-INF/BenchmarkList target/test-classes/META-INF/CompilerHints' EXIT
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
for jit in tiered c1; do
  args=(-f 1 -wi 3 -w 1s -i 5 -r 1s -tu s -rf json -rff "target/jmh-$jit.json")
  [ "$jit" = c1 ] && args+=(-jvmArgsAppend "-XX:TieredStopAtLevel=1")
  echo "## JIT: $jit"
  java -cp "$CP" org.openjdk.jmh.Main "${args[@]}" "$@" 2>&1 | sed -n '/^Benchmark/,$p'
done
