package dev.hourglass.model;

import java.util.Arrays;

/**
 * An entropy model frozen into integers, per latent channel c: symbol j (0 ≤ j < lengths[c]) stands
 * for the value {@code medians[c] + offsets[c] + j}; {@code frequencies[c]} has lengths[c] + 1 entries,
 * the last one for the escape symbol, every entry at least 1, summing to {@link #TOTAL}.
 */
public record FrozenTables(int[] offsets, int[] lengths, float[] medians, int[][] frequencies) {

    /** 16-bit precision: every channel's frequencies sum to 2^16. */
    public static final int TOTAL = 1 << 16;

    public FrozenTables {
        int c = offsets.length;
        if (lengths.length != c || medians.length != c || frequencies.length != c) {
            throw new IllegalArgumentException("frozen tables need one offset, length, median and table per channel");
        }
        for (int i = 0; i < c; i++) {
            if (lengths[i] < 1 || lengths[i] >= EntropyBottleneck.MAX_SYMBOLS) {
                throw new IllegalArgumentException("channel " + i + ": table length must be in 1.." + (EntropyBottleneck.MAX_SYMBOLS - 1)
                        + " but was " + lengths[i]);
            }
            if (frequencies[i].length != lengths[i] + 1) {
                throw new IllegalArgumentException("channel " + i + ": expected " + (lengths[i] + 1) + " frequencies but found "
                        + frequencies[i].length);
            }
            long sum = 0;
            for (int f : frequencies[i]) {
                if (f < 1) throw new IllegalArgumentException("channel " + i + ": a frequency is " + f + ", below 1");
                sum += f;
            }
            if (sum != TOTAL) throw new IllegalArgumentException("channel " + i + ": frequencies sum to " + sum + ", not " + TOTAL);
            if (!Float.isFinite(medians[i])) throw new IllegalArgumentException("channel " + i + ": median is " + medians[i]);
        }
        offsets = offsets.clone();
        lengths = lengths.clone();
        medians = medians.clone();
        frequencies = Arrays.stream(frequencies).map(int[]::clone).toArray(int[][]::new);
    }

    public int channels() {
        return offsets.length;
    }
}
