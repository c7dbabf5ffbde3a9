package dev.hourglass.codec.entropy;

import java.util.Arrays;

/**
 * Turns probabilities into integer frequencies with a fixed total, as a frozen entropy model needs:
 * every symbol keeps a frequency of at least 1 (so everything stays codable) and none exceeds
 * {@code total − }{@value #MIN_SHARE_OF_OTHERS}, so every symbol costs at least
 * −log2(1 − 2^−10) ≈ 0.0014 bits. That floor is what lets a decoder bound the number of symbols a
 * payload of a given size can hold.
 */
public final class QuantizedFrequencies {

    /** The frequency mass always left to the other symbols of a table. */
    public static final int MIN_SHARE_OF_OTHERS = 64;

    private QuantizedFrequencies() {
    }

    /**
     * @param probabilities non-negative, at least two, any sum (they are normalised; an all-zero
     *                      input is treated as uniform)
     */
    public static int[] of(double[] probabilities, int total) {
        int n = probabilities.length;
        if (n < 2) throw new IllegalArgumentException("need at least 2 symbols but got " + n);
        if ((long) n * 1 > total - MIN_SHARE_OF_OTHERS) {
            throw new IllegalArgumentException(n + " symbols do not fit a total of " + total);
        }
        double sum = 0;
        for (double p : probabilities) {
            if (!(p >= 0) || Double.isInfinite(p)) throw new IllegalArgumentException("probabilities must be finite and ≥ 0 but one is " + p);
            sum += p;
        }
        int[] f = new int[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            double share = sum > 0 ? probabilities[i] / sum : 1.0 / n;
            f[i] = (int) Math.max(1, Math.min(total, Math.round(share * total)));
            assigned += f[i];
        }
        long excess = assigned - total;
        Integer[] byFrequency = new Integer[n];
        for (int i = 0; i < n; i++) byFrequency[i] = i;
        Arrays.sort(byFrequency, (a, b) -> Integer.compare(f[b], f[a]));
        // too much: take from the largest entries (costs them the least, relatively); too little: give to the largest
        for (int k = 0; excess > 0; k = (k + 1) % n) {
            int i = byFrequency[k];
            int take = (int) Math.min(excess, f[i] - 1L);
            f[i] -= take;
            excess -= take;
        }
        if (excess < 0) f[byFrequency[0]] += (int) -excess;
        int cap = total - MIN_SHARE_OF_OTHERS;
        for (int i = 0; i < n; i++) {
            if (f[i] > cap) {
                int spill = f[i] - cap;
                f[i] = cap;
                int other = i == byFrequency[0] ? byFrequency[1] : byFrequency[0];
                if (other == i) other = (i + 1) % n;
                f[other] += spill;
            }
        }
        return f;
    }
}
