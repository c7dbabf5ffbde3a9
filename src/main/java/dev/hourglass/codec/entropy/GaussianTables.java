package dev.hourglass.codec.entropy;

/**
 * One frozen 16-bit table per scale of a {@link ScaleTable}: for scale σ, the integers
 * q = −K..K (symbol q + K) with P(q) = Φ((q + ½)/σ) − Φ((q − ½)/σ), then one escape symbol (2K + 1)
 * holding the mass of both tails beyond ±(K + ½). K = ⌈σ·{@value #Z}⌉, so the tails hold about 1e-9
 * (2Φ(−6.1) ≈ 1.1e-9), capped at {@value #MAX_HALF_WIDTH} so a table has at most 512 symbols; for
 * σ above about 42 the escape then carries real mass, and such values pay the Elias-gamma code.
 * Built from {@link NormalCdf} and {@link QuantizedFrequencies} only, so every machine builds the
 * same integers; the models are built once and shared (a {@link StaticModel} never changes).
 * QuantizedFrequencies' rounding can leave a table slightly asymmetric (the floor of 1 on far tail
 * symbols is paid for by the largest entries); no table costs more than 0.005 bits per value over
 * the Gaussian's entropy (GaussianTablesTest).
 */
public final class GaussianTables {

    /** Half-width of a table in units of its scale. */
    public static final double Z = 6.1;
    /** The largest K: 2K + 2 ≤ 512 symbols. */
    public static final int MAX_HALF_WIDTH = 255;

    private final ScaleTable scales;
    private final int[] halfWidths;
    private final int[][] frequencies;
    private final StaticModel[] models;

    private GaussianTables(ScaleTable scales) {
        this.scales = scales;
        int n = scales.size();
        halfWidths = new int[n];
        frequencies = new int[n][];
        models = new StaticModel[n];
        for (int i = 0; i < n; i++) {
            double sigma = scales.scale(i);
            int k = (int) Math.min(MAX_HALF_WIDTH, Math.ceil(sigma * Z));
            halfWidths[i] = k;
            frequencies[i] = QuantizedFrequencies.of(probabilities(sigma, k), FrequencyModel.MAX_TOTAL);
            models[i] = new StaticModel(frequencies[i]);
        }
    }

    public static GaussianTables of(ScaleTable scales) {
        return new GaussianTables(scales);
    }

    /**
     * P(−K..K) and the escape. Each P(q) is taken in the lower tail, Φ((½ − |q|)/σ) − Φ((−½ − |q|)/σ),
     * where both terms are small and their difference keeps its relative precision; in the upper
     * tail both would be near 1 and the difference would cancel to nothing.
     */
    private static double[] probabilities(double sigma, int k) {
        double[] p = new double[2 * k + 2];
        for (int q = 0; q <= k; q++) {
            double mass = NormalCdf.cdf((0.5 - q) / sigma) - NormalCdf.cdf((-0.5 - q) / sigma);
            p[k + q] = mass;
            p[k - q] = mass;
        }
        p[2 * k + 1] = 2 * NormalCdf.cdf((-0.5 - k) / sigma);
        return p;
    }

    public ScaleTable scales() {
        return scales;
    }

    /** The number of tables, one per scale. */
    public int size() {
        return models.length;
    }

    /** K of table {@code index}: it codes q = −K..K directly. */
    public int halfWidth(int index) {
        return halfWidths[check(index)];
    }

    /** The escape symbol of table {@code index}, its last: 2K + 1. */
    public int escape(int index) {
        return 2 * halfWidths[check(index)] + 1;
    }

    public StaticModel model(int index) {
        return models[check(index)];
    }

    /** A copy of the frequencies of table {@code index} (total 2^16). */
    public int[] frequencies(int index) {
        return frequencies[check(index)].clone();
    }

    /** The fewest bits a value coded with table {@code index} can cost. */
    public double minimumBits(int index) {
        return models[check(index)].minimumBits();
    }

    private int check(int index) {
        if (index < 0 || index >= models.length) {
            throw new IllegalStateException("table index " + index + " is not in 0.." + (models.length - 1));
        }
        return index;
    }
}
