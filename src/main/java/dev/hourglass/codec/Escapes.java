package dev.hourglass.codec;

import dev.hourglass.codec.entropy.ArithmeticDecoder;
import dev.hourglass.codec.entropy.ArithmeticEncoder;
import dev.hourglass.codec.entropy.EliasGamma;
import dev.hourglass.codec.entropy.StaticModel;
import dev.hourglass.codec.format.FormatException;

import java.util.Arrays;
import java.util.List;

/**
 * Values outside a version-1 file's symbol range minSymbol..maxSymbol (flag bit 1, FORMAT.md): after
 * the escape symbol, one equiprobable bit (0 above the range, 1 below) and the distance d ≥ 1 to the
 * nearest end of the range as an Elias-gamma code, so q = maxSymbol + d or minSymbol − d. Every value
 * a quantiser can produce (−2^30 ≤ q < 2^30) is coded exactly; no step is ever refused for its range.
 */
final class Escapes {


    private static final StaticModel BIT = new StaticModel(new int[]{1, 1});

    private Escapes() {
    }

    /**
     * The range coded directly when the values span more than one alphabet: the narrowest window
     * holding 99.9% of the values, at most {@code width} symbols wide, placed where it holds the most.
     */
    static int[] coreRange(List<int[]> tensors, int width) {
        int n = 0;
        for (int[] t : tensors) n += t.length;
        int[] sorted = new int[n];
        int at = 0;
        for (int[] t : tensors) {
            System.arraycopy(t, 0, sorted, at, t.length);
            at += t.length;
        }
        Arrays.sort(sorted);
        int keep = (int) Math.max(1, Math.ceil(0.999 * n));
        long narrowest = Long.MAX_VALUE;
        for (int i = 0; i + keep <= n; i++) narrowest = Math.min(narrowest, (long) sorted[i + keep - 1] - sorted[i] + 1);
        int w = (int) Math.min(width, narrowest);
        int bestLo = sorted[0];
        int bestCount = 0;
        for (int i = 0, j = 0; i < n; i++) { // window [sorted[i], sorted[i] + w − 1]: values i..j−1
            if (j < i) j = i;
            while (j < n && (long) sorted[j] - sorted[i] < w) j++;
            if (j - i > bestCount) {
                bestCount = j - i;
                bestLo = sorted[i];
            }
        }
        long hi = Math.min((long) bestLo + w - 1, Integer.MAX_VALUE);
        return new int[]{bestLo, (int) hi};
    }

    static void encode(ArithmeticEncoder enc, int q, int min, int max) {
        boolean above = q > max;
        enc.encode(BIT, above ? 0 : 1);
        long d = above ? (long) q - max : (long) min - q;
        if (d < 1 || d > Integer.MAX_VALUE) throw new IllegalStateException("value " + q + " cannot be escaped from " + min + ".." + max);
        EliasGamma.encode(enc, (int) d);
    }

    static int decode(ArithmeticDecoder dec, int min, int max) throws FormatException {
        boolean above = dec.decode(BIT) == 0;
        int d = EliasGamma.decode(dec);
        if (d < 1) throw new FormatException("corrupt payload: an escaped value's distance has too many leading zeros");
        long q = above ? (long) max + d : (long) min - d;
        if (q > Integer.MAX_VALUE / 2 || q < Integer.MIN_VALUE / 2) throw new FormatException("corrupt payload: escaped value " + q + " is beyond what a quantiser makes");
        return (int) q;
    }
}
