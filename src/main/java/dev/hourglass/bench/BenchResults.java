package dev.hourglass.bench;

import java.util.List;

/**
 * What {@code hourglass bench} measured; its JSON form is the record itself (field order is the
 * schema).
 *
 * @param matmulGflops GFLOP/s of a 2048×2048 matrix product, the practical peak
 * @param peakRssBytes the process's peak resident memory after all runs
 */
public record BenchResults(String libtorch, int threads, double matmulGflops, List<Row> results, long peakRssBytes) {

    public BenchResults {
        results = List.copyOf(results);
    }

    /**
     * One preset at one batch size. GFLOP/s come from convmath's MACs per image, training counted as
     * 3× the forward; {@code convShareOfMatmulPeak} is the convolutions' inference GFLOP/s over the
     * matmul peak.
     */
    public record Row(String arch, int batch, int imageSize, Timings trainStepSeconds, Timings inferenceSeconds,
                      double trainImagesPerSecond, double inferenceImagesPerSecond, long macsPerImage, double trainGflops,
                      double inferenceGflops, double convShareOfMatmulPeak) {
    }
}
