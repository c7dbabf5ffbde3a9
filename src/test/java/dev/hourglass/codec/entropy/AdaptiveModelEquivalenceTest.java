package dev.hourglass.codec.entropy;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The O(log K) model must code exactly as version 1's linear one did: the same low, high, total and
 * symbol lookups after every update, halvings included, or old files would stop decoding.
 */
class AdaptiveModelEquivalenceTest {

    /** Version 1's model, kept verbatim as the reference: linear scans over the counts. */
    static final class LinearModel {
        final int[] freq;
        final int increment;
        int total;

        LinearModel(int symbols, int increment) {
            this.increment = increment;
            freq = new int[symbols];
            java.util.Arrays.fill(freq, 1);
            total = symbols;
        }

        int low(int symbol) {
            int s = 0;
            for (int i = 0; i < symbol; i++) s += freq[i];
            return s;
        }

        int symbolAt(int value) {
            int s = 0;
            for (int i = 0; i < freq.length; i++) {
                s += freq[i];
                if (value < s) return i;
            }
            throw new IllegalArgumentException();
        }

        void update(int symbol) {
            freq[symbol] += increment;
            total += increment;
            if (total > FrequencyModel.MAX_TOTAL) {
                total = 0;
                for (int i = 0; i < freq.length; i++) {
                    freq[i] = (freq[i] + 1) >>> 1;
                    total += freq[i];
                }
            }
        }
    }

    @Test
    void sameCountsAsTheLinearModelThroughManyHalvings() {
        Random r = new Random(12);
        int[][] cases = {{1, 24}, {2, 24}, {3, 1}, {7, 24}, {64, 24}, {1000, 24}, {1000, 16384}, {32768, 24}, {32768, 16384}, {5, 300}};
        for (int[] c : cases) {
            int k = c[0];
            int inc = c[1];
            AdaptiveModel fast = new AdaptiveModel(k, inc);
            LinearModel ref = new LinearModel(k, inc);
            int steps = k > 10_000 ? 3_000 : 20_000;
            for (int step = 0; step < steps; step++) {
                assertEquals(ref.total, fast.total(), "total, K=" + k + " step " + step);
                int probe = r.nextInt(k);
                assertEquals(ref.low(probe), fast.low(probe), "low");
                assertEquals(ref.low(probe) + ref.freq[probe], fast.high(probe), "high");
                int value = r.nextInt(ref.total);
                assertEquals(ref.symbolAt(value), fast.symbolAt(value), "symbolAt " + value);
                assertEquals(ref.symbolAt(ref.total - 1), fast.symbolAt(ref.total - 1));
                assertEquals(0, fast.symbolAt(0));
                // skewed symbols, as a latent's are, so counts grow and halve
                int s = r.nextInt(4) == 0 ? r.nextInt(k) : Math.min(k - 1, (int) Math.abs(r.nextGaussian() * 3));
                fast.update(s);
                ref.update(s);
            }
        }
    }
}
