package dev.hourglass.codec;

import dev.hourglass.codec.entropy.QuantizedFrequencies;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.EntropyBottleneck;
import dev.hourglass.model.FrozenTables;

/**
 * Freezes a trained factorized prior into integer tables (CompressAI calls this {@code update()}):
 * per channel, the integers from ⌈lower tail − median⌉ to ⌈upper tail − median⌉ around the median
 * each get their bin probability, the mass outside them goes to an escape symbol, and all of it is
 * quantised to 16-bit frequencies. The tables are written into the model's buffers, so they are
 * saved and fingerprinted with the weights; a file is then decodable on any machine, because
 * decoding reads only these integers and the stored medians.
 */
public final class TableFreezer {

    private TableFreezer() {
    }

    /** Freezes the tables of {@code model}'s entropy model; does nothing for a model without one. */
    public static void freeze(Autoencoder model) {
        EntropyBottleneck eb = model.entropyBottleneck();
        if (eb == null) return;
        FrozenTables t = tables(eb);
        eb.frozen().write(t);
    }

    static FrozenTables tables(EntropyBottleneck eb) {
        int channels = eb.channels();
        float[][] q = eb.quantileValues();
        int[] offsets = new int[channels];
        int[] lengths = new int[channels];
        float[] medians = new float[channels];
        float[] starts = new float[channels];
        int longest = 1;
        int maxLength = EntropyBottleneck.MAX_SYMBOLS - 1;
        for (int c = 0; c < channels; c++) {
            medians[c] = q[c][1];
            long below = clampRange(Math.ceil((double) q[c][1] - q[c][0]));
            long above = clampRange(Math.ceil((double) q[c][2] - q[c][1]));
            if (below + above + 1 > maxLength) {          // very wide densities: keep the centre, escape the rest
                below = Math.min(below, (maxLength - 1) / 2);
                above = Math.min(above, maxLength - 1 - below);
            }
            offsets[c] = (int) -below;
            lengths[c] = (int) (below + above + 1);
            starts[c] = medians[c] + offsets[c];
            longest = Math.max(longest, lengths[c]);
        }
        double[][] p = eb.binProbabilities(starts, longest);
        int[][] freqs = new int[channels][];
        for (int c = 0; c < channels; c++) {
            double[] withEscape = new double[lengths[c] + 1];
            double inside = 0;
            for (int j = 0; j < lengths[c]; j++) {
                withEscape[j] = p[c][j];
                inside += p[c][j];
            }
            withEscape[lengths[c]] = Math.max(0, 1 - inside);
            freqs[c] = QuantizedFrequencies.of(withEscape, FrozenTables.TOTAL);
        }
        return new FrozenTables(offsets, lengths, medians, freqs);
    }

    private static long clampRange(double v) {
        if (!(v >= 0)) return 0;
        return (long) Math.min(v, EntropyBottleneck.MAX_SYMBOLS);
    }
}
