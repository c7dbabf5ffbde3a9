package dev.hourglass.bench;

/**
 * Resident memory over a long training loop ({@code hourglass bench --soak}); its JSON form is the
 * record itself.
 *
 * @param rssBytes               RSS before the first step and after every {@code sampleEvery} steps
 * @param growthAfterWarmupBytes from the sample at 10% of the run to the last one
 */
public record SoakResults(String arch, int imageSize, int batch, int steps, int sampleEvery, long[] rssBytes,
                          long growthAfterWarmupBytes, double seconds) {

    /** The sample index taken as the end of warm-up: the one at 10% of the run (or the last one). */
    public int warmupSample() {
        return Math.min(2, rssBytes.length - 1);
    }
}
