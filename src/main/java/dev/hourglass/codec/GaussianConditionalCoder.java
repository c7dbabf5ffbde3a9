package dev.hourglass.codec;

import dev.hourglass.codec.entropy.ArithmeticDecoder;
import dev.hourglass.codec.entropy.ArithmeticEncoder;
import dev.hourglass.codec.entropy.EliasGamma;
import dev.hourglass.codec.entropy.GaussianTables;
import dev.hourglass.codec.entropy.StaticModel;
import dev.hourglass.codec.entropy.TruncatedStreamException;
import dev.hourglass.codec.format.FormatException;

/**
 * Codes a latent whose values each have their own Gaussian: a mean μ (zero for the scale
 * hyperprior, predicted for mean-scale) and a scale, given as an index into {@link GaussianTables}.
 * Values go in array order. A value y becomes q = round(y − μ) and the symbol q + K of its table; a
 * q beyond ±K is sent as the escape symbol followed by its distance past the table's edge,
 * Elias-gamma coded (2d − 1 above, 2d below, as {@link FrozenTableCoder} does), so any integer up
 * to about ±2^30 is encodable (beyond, a {@link CodecException}). Both sides reconstruct
 * ŷ = (float) ((double) μ + q): one rounding, the same float on every machine, and what
 * {@link #reconstruct} gives the encoder.
 *
 * <p>Lives in {@code codec}, not {@code codec.entropy}, because a corrupt payload must end as a
 * {@link FormatException}, which {@code codec.entropy} may not import.
 */
public final class GaussianConditionalCoder {

    private GaussianConditionalCoder() {
    }

    /**
     * @param means   one per value, or null for zero means
     * @param indexes one table index per value ({@code ScaleTable.index} of its predicted scale)
     */
    public static void encode(ArithmeticEncoder enc, float[] y, float[] means, int[] indexes, GaussianTables t) {
        requireLengths(y.length, means, indexes);
        for (int i = 0; i < y.length; i++) {
            int index = indexes[i];
            StaticModel m = t.model(index);
            int k = t.halfWidth(index);
            long q = quantize(y[i], means == null ? 0f : means[i]);
            if (q >= -k && q <= k) {
                enc.encode(m, (int) (q + k));
            } else {
                enc.encode(m, 2 * k + 1);
                long beyond = q > k ? 2 * (q - k) - 1 : 2 * (-k - q);
                if (beyond > Integer.MAX_VALUE) throw new CodecException("latent value " + y[i] + " is too large to code");
                EliasGamma.encode(enc, (int) beyond);
            }
        }
    }

    /**
     * The values coded by {@link #encode} with the same means and indexes.
     *
     * @throws FormatException when the payload is corrupt: an escape longer than any valid one, or
     *                         fewer coded values than asked for
     */
    public static float[] decode(ArithmeticDecoder dec, float[] means, int[] indexes, GaussianTables t) throws FormatException {
        requireLengths(indexes.length, means, indexes);
        float[] out = new float[indexes.length];
        try {
            for (int i = 0; i < out.length; i++) {
                int index = indexes[i];
                int k = t.halfWidth(index);
                int symbol = dec.decode(t.model(index));
                long q = symbol - (long) k;
                if (symbol == 2 * k + 1) { // the escape: odd distances lie above the table, even ones below
                    int beyond = EliasGamma.decode(dec);
                    if (beyond < 1) throw new FormatException("corrupt payload: an escaped value is longer than any valid one");
                    q = (beyond & 1) == 1 ? k + (beyond + 1L) / 2 : -k - beyond / 2L;
                }
                out[i] = value(means == null ? 0f : means[i], q);
            }
        } catch (TruncatedStreamException e) {
            throw new FormatException("corrupt payload: " + e.getMessage());
        }
        return out;
    }

    /** What {@link #decode} will give for {@code y}: ŷ = μ + round(y − μ). */
    public static float[] reconstruct(float[] y, float[] means) {
        if (means != null && means.length != y.length) {
            throw new IllegalStateException(means.length + " means for " + y.length + " values");
        }
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            float mean = means == null ? 0f : means[i];
            out[i] = value(mean, quantize(y[i], mean));
        }
        return out;
    }

    /**
     * The fewest payload bits that values with these indexes can take: a file whose payload is
     * shorter claims more values than it holds. Summed in array order.
     */
    public static double minimumBits(int[] indexes, GaussianTables t) {
        double bits = 0;
        for (int index : indexes) bits += t.minimumBits(index);
        return bits;
    }

    /** q = round(y − μ), the difference and the rounding in double (half-way rounds up). */
    private static long quantize(float y, float mean) {
        if (!Float.isFinite(y) || !Float.isFinite(mean)) {
            throw new IllegalStateException("the network produced a latent value of " + y + " with mean " + mean + "; both must be finite");
        }
        return Math.round((double) y - mean);
    }

    /** ŷ = μ + q, summed in double and rounded once to float; encoder and decoder both use this. */
    private static float value(float mean, long q) {
        return (float) ((double) mean + q);
    }

    private static void requireLengths(int n, float[] means, int[] indexes) {
        if (indexes.length != n) throw new IllegalStateException(indexes.length + " scale indexes for " + n + " values");
        if (means != null && means.length != n) throw new IllegalStateException(means.length + " means for " + n + " values");
    }
}
