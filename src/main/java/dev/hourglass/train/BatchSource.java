package dev.hourglass.train;

/**
 * Training batches as a pure function of the step number, so that a resumed run sees exactly the
 * batches an uninterrupted one would: the random state of the data is (seed, step).
 */
public interface BatchSource {

    /** Pixels of {@code batchSize()} images of size × size, row-major [n, 1, size, size]. */
    float[] batch(long step);

    int batchSize();

    int imageSize();

    /** A seed for step {@code step} derived from the run seed (SplitMix64 finaliser, so nearby steps decorrelate). */
    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
