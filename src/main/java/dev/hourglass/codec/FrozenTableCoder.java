package dev.hourglass.codec;

import dev.hourglass.codec.entropy.ArithmeticDecoder;
import dev.hourglass.codec.entropy.ArithmeticEncoder;
import dev.hourglass.codec.entropy.EliasGamma;
import dev.hourglass.codec.entropy.StaticModel;
import dev.hourglass.codec.entropy.TruncatedStreamException;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.model.FrozenTables;

/**
 * Codes a latent with a model's frozen tables, channel by channel in row-major order. A value y of
 * channel c becomes q = round(y − median_c) and the symbol j = q − offset_c; a q outside the table
 * is sent as the escape symbol followed by its distance past the table's edge, Elias-gamma coded
 * (2d − 1 above the table, 2d below), so any integer is encodable. The decoder uses integers and the
 * stored medians only: ŷ = median_c + q, the same float on every machine and thread count.
 */
final class FrozenTableCoder {

    private FrozenTableCoder() {
    }

    static byte[] encode(float[] latent, int channels, int plane, FrozenTables t) {
        requireChannels(t, channels);
        ArithmeticEncoder enc = new ArithmeticEncoder();
        StaticModel[] models = models(t);
        for (int c = 0; c < channels; c++) {
            StaticModel m = models[c];
            int escape = t.lengths()[c];
            float median = t.medians()[c];
            int offset = t.offsets()[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                long q = Math.round((double) latent[i] - median);
                long j = q - offset;
                if (j >= 0 && j < escape) {
                    enc.encode(m, (int) j);
                } else {
                    enc.encode(m, escape);
                    long beyond = j >= escape ? 2 * (j - escape + 1) - 1 : 2 * -j;
                    if (beyond > Integer.MAX_VALUE) throw new CodecException("latent value " + latent[i] + " is too large to code");
                    EliasGamma.encode(enc, (int) beyond);
                }
            }
        }
        return enc.finish();
    }

    static float[] decode(byte[] payload, int channels, int plane, FrozenTables t) throws FormatException {
        requireChannels(t, channels);
        ArithmeticDecoder dec = new ArithmeticDecoder(payload);
        float[] out = new float[Math.multiplyExact(channels, plane)];
        StaticModel[] models = models(t);
        try {
            for (int c = 0; c < channels; c++) {
                StaticModel m = models[c];
                int escape = t.lengths()[c];
                float median = t.medians()[c];
                int offset = t.offsets()[c];
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    long j = dec.decode(m);
                    if (j == escape) {
                        int beyond = EliasGamma.decode(dec);
                        if (beyond < 1) throw new FormatException("corrupt payload: an escaped value is longer than any valid one");
                        j = (beyond & 1) == 1 ? escape - 1 + (beyond + 1) / 2 : -(beyond / 2);
                    }
                    out[i] = median + (float) (j + offset);
                }
            }
        } catch (TruncatedStreamException e) { // a stream that ends before its values: a corrupt file, never an internal error
            throw new FormatException("corrupt payload: " + e.getMessage());
        }
        return out;
    }

    /** The values {@link #decode} will give for {@code latent}: ŷ = median_c + q, the same float expression. */
    static float[] reconstruct(float[] latent, int channels, int plane, FrozenTables t) {
        requireChannels(t, channels);
        float[] out = new float[latent.length];
        for (int c = 0; c < channels; c++) {
            float median = t.medians()[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                long q = Math.round((double) latent[i] - median);
                out[i] = median + (float) q;
            }
        }
        return out;
    }

    /**
     * The fewest payload bits that {@code plane} values per channel can take with these tables:
     * a file whose payload is shorter claims more values than it holds.
     */
    static double minimumBits(FrozenTables t, long plane) {
        double bits = 0;
        for (StaticModel m : models(t)) bits += plane * m.minimumBits();
        return bits;
    }

    /** One frozen model per channel. */
    private static StaticModel[] models(FrozenTables t) {
        StaticModel[] m = new StaticModel[t.channels()];
        for (int c = 0; c < m.length; c++) m[c] = new StaticModel(t.frequencies()[c]);
        return m;
    }

    private static void requireChannels(FrozenTables t, int channels) {
        if (t.channels() != channels) {
            throw new IllegalStateException("tables for " + t.channels() + " channels but the latent has " + channels);
        }
    }
}
