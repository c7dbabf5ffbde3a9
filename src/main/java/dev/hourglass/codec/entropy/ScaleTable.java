package dev.hourglass.codec.entropy;

/**
 * The Gaussian scales a hyperprior codes with, log-spaced: a network predicts a scale σ per latent
 * value, and the coder uses the table's smallest scale not below it ({@link #index}). Encoder and
 * decoder pick the same index from the same σ, and the scales are computed with {@link StrictMath},
 * so every machine builds the same tables.
 */
public final class ScaleTable {

    /** The smallest scale; the network bounds its scales below by it. */
    public static final double LOWER_BOUND = 0.11;
    /** The largest scale of the standard table. */
    public static final double UPPER_BOUND = 256;
    /** The number of scales of the standard table. */
    public static final int STANDARD_SIZE = 64;

    private static final ScaleTable STANDARD = new ScaleTable(LOWER_BOUND, UPPER_BOUND, STANDARD_SIZE);

    private final double[] scales;

    private ScaleTable(double lowest, double highest, int n) {
        scales = new double[n];
        double lo = StrictMath.log(lowest);
        double step = (StrictMath.log(highest) - lo) / (n - 1);
        for (int i = 0; i < n; i++) scales[i] = StrictMath.exp(lo + i * step);
    }

    /** 64 scales from 0.11 to 256: scale_i = exp(ln 0.11 + i·(ln 256 − ln 0.11)/63). */
    public static ScaleTable standard() {
        return STANDARD;
    }

    public int size() {
        return scales.length;
    }

    public double scale(int i) {
        if (i < 0 || i >= scales.length) throw new IllegalStateException("scale index " + i + " is not in 0.." + (scales.length - 1));
        return scales[i];
    }

    /**
     * The smallest i with scale(i) ≥ σ, clamped to the table: σ below the first scale (0 or negative
     * included) gives 0, σ above the last gives the last index.
     *
     * @throws IllegalStateException for NaN or an infinite σ, which only a broken network produces;
     *                               coding it with some scale would hide the fault
     */
    public int index(float sigma) {
        if (!Float.isFinite(sigma)) {
            throw new IllegalStateException("the network predicted a Gaussian scale of " + sigma + "; scales must be finite");
        }
        double s = sigma;
        int lo = 0;
        int hi = scales.length - 1;
        while (lo < hi) {                        // the first i with scales[i] ≥ s, or the last index
            int mid = (lo + hi) >>> 1;
            if (scales[mid] >= s) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
