package dev.hourglass.codec.entropy;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArithmeticCoderTest {

    private static byte[] encode(int[] symbols, int alphabet) {
        ArithmeticEncoder e = new ArithmeticEncoder();
        AdaptiveModel m = new AdaptiveModel(alphabet);
        for (int s : symbols) e.encode(m, s);
        return e.finish();
    }

    private static int[] decode(byte[] data, int n, int alphabet) {
        ArithmeticDecoder d = new ArithmeticDecoder(data);
        AdaptiveModel m = new AdaptiveModel(alphabet);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = d.decode(m);
        return out;
    }

    /** Empirical entropy of the sequence in bits: n · H(p̂). */
    private static double entropyBits(int[] s, int alphabet) {
        long[] c = new long[alphabet];
        for (int x : s) c[x]++;
        double bits = 0;
        for (long k : c) if (k > 0) bits -= k * (Math.log((double) k / s.length) / Math.log(2));
        return bits;
    }

    @Test
    void roundTripsUniformSkewedEmptyAndSingleSymbolStreams() {
        Random r = new Random(1);
        int[] uniform = r.ints(20_000, 0, 256).toArray();
        assertArrayEquals(uniform, decode(encode(uniform, 256), uniform.length, 256));
        int[] skewed = new int[50_000];
        for (int i = 0; i < skewed.length; i++) skewed[i] = Math.min(30, (int) Math.abs(r.nextGaussian() * 2));
        assertArrayEquals(skewed, decode(encode(skewed, 31), skewed.length, 31));
        assertEquals(0, decode(encode(new int[0], 7), 0, 7).length);
        int[] one = new int[10_000];
        java.util.Arrays.fill(one, 3);
        byte[] b = encode(one, 8);
        assertArrayEquals(one, decode(b, one.length, 8));
        assertTrue(b.length < 40, "10,000 equal symbols cost " + b.length + " bytes");
        assertArrayEquals(new int[]{0}, decode(encode(new int[]{0}, 1), 1, 1));
    }

    @Test
    void sizeIsWithinAFewPercentOfTheEmpiricalEntropy() {
        Random r = new Random(2);
        int[] skewed = new int[100_000];
        for (int i = 0; i < skewed.length; i++) skewed[i] = Math.min(63, (int) Math.abs(r.nextGaussian() * 3));
        double ideal = entropyBits(skewed, 64);
        double actual = encode(skewed, 64).length * 8.0;
        assertTrue(actual >= ideal * 0.999 && actual <= ideal * 1.02, "actual " + actual + " bits, entropy " + ideal + " bits");
        int[] uniform = r.ints(100_000, 0, 256).toArray();
        double u = encode(uniform, 256).length * 8.0;
        assertTrue(u <= entropyBits(uniform, 256) * 1.02, u + " bits");
    }

    @Test
    void badSymbolsAreRefusedAndGarbageDecodesToSymbolsOrATruncatedStream() {
        ArithmeticEncoder e = new ArithmeticEncoder();
        assertThrows(IllegalStateException.class, () -> e.encode(new AdaptiveModel(4), 4));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveModel(0));
        Random r = new Random(3);
        for (int k = 0; k < 200; k++) {
            byte[] junk = new byte[r.nextInt(50)];
            r.nextBytes(junk);
            try { // garbage decodes to symbols of the alphabet, or ends as a truncated stream; nothing else
                int[] out = decode(junk, 500, 17);
                for (int s : out) assertTrue(s >= 0 && s < 17);
            } catch (TruncatedStreamException expected) {
                assertTrue(expected.getMessage().contains("past its " + junk.length + " bytes"), expected.getMessage());
            }
        }
    }
}
