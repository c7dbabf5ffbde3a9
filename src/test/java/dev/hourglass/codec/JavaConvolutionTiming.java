package dev.hourglass.codec;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Rough speed of {@link JavaConvolution} on the hyper-synthesis of a 12-megapixel photo (4000×3000:
 * z is 63×47, y 250×188; 64 channels, 192 out of the last layer), in GMAC/s, with 1 and 2 threads.
 * Not a test (benchmarks never gate a test on a wall-clock number); run by hand:
 * {@code java -cp target/classes:target/test-classes dev.hourglass.codec.JavaConvolutionTiming}.
 */
public final class JavaConvolutionTiming {

    /** Process CPU time: on a shared machine the wall clock also measures the other jobs. */
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private JavaConvolutionTiming() {
    }

    public static void main(String[] args) throws Exception {
        Random r = new Random(1);
        int n = 64;
        float[] z = JavaConvolutionTest.random(r, n * 63 * 47);
        float[] a = JavaConvolutionTest.random(r, n * 126 * 94);
        float[] b = JavaConvolutionTest.random(r, n * 252 * 188);
        float[] w5 = JavaConvolutionTest.random(r, n * n * 25);
        float[] w3 = JavaConvolutionTest.random(r, 192 * n * 9);
        float[] bias = JavaConvolutionTest.random(r, 192);
        float[] bias64 = java.util.Arrays.copyOf(bias, n);
        for (int threads : new int[]{1, 2}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                time(pool, threads, "convT k5 s2 63×47 → 126×94", 63L * 47 * n * n * 25,
                        () -> JavaConvolution.convTranspose2d(z, n, 63, 47, w5, bias64, n, 5, 2, 2, 1));
                time(pool, threads, "convT k5 s2 126×94 → 252×188", 126L * 94 * n * n * 25,
                        () -> JavaConvolution.convTranspose2d(a, n, 126, 94, w5, bias64, n, 5, 2, 2, 1));
                time(pool, threads, "conv k3 s1 252×188, 64 → 192", 252L * 188 * n * 192 * 9,
                        () -> JavaConvolution.conv2d(b, n, 252, 188, w3, bias, 192, 3, 1, 1));
            } finally {
                pool.shutdown();
            }
        }
    }

    private static void time(ForkJoinPool pool, int threads, String what, long macs, Supplier<float[]> job) throws Exception {
        for (int i = 0; i < 3; i++) pool.submit(job::get).get(); // warm-up: let the JIT compile the loops
        int runs = 5;
        long cpu = CPU.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) pool.submit(job::get).get();
        double seconds = (System.nanoTime() - start) / 1e9 / runs;
        double cpuSeconds = (CPU.getProcessCpuTime() - cpu) / 1e9 / runs;
        System.out.printf("%d thread(s)  %-32s %6.3f GMAC  %7.3f s  %5.2f GMAC/s wall  %5.2f GMAC per CPU-second%n",
                threads, what, macs / 1e9, seconds, macs / 1e9 / seconds, macs / 1e9 / cpuSeconds);
    }
}
