/**
 * Speed and memory benchmarks of the real training step and inference ({@link dev.hourglass.bench.Benchmark}),
 * summarised as {@link dev.hourglass.bench.Timings}. Never asserted by a unit test; holds no tensor.
 */
package dev.hourglass.bench;
