package dev.hourglass.codec.entropy;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrozenCodingTest {

    @Test
    void quantisedFrequenciesKeepTheTotalEverySymbolAndTheCap() {
        // a very peaked distribution: the mode would take the whole total without the cap
        int[] f = QuantizedFrequencies.of(new double[]{1e-12, 1 - 2e-12, 1e-12}, 1 << 16);
        assertEquals(1 << 16, f[0] + f[1] + f[2]);
        assertTrue(f[0] >= 1 && f[2] >= 1, "every symbol stays codable");
        assertEquals((1 << 16) - QuantizedFrequencies.MIN_SHARE_OF_OTHERS, f[1], "the mode is capped, so it costs at least 0.0014 bits");
        int[] capped = QuantizedFrequencies.of(new double[]{1, 0}, 1 << 16);
        assertEquals((1 << 16) - QuantizedFrequencies.MIN_SHARE_OF_OTHERS, capped[0]);
        assertEquals(QuantizedFrequencies.MIN_SHARE_OF_OTHERS, capped[1]);
        // proportions survive: 1:3 over 2^16 is 16384:49152
        assertArrayEquals(new int[]{16384, 49152}, QuantizedFrequencies.of(new double[]{0.25, 0.75}, 1 << 16));
    }

    @Test
    void staticModelFindsEverySymbolByItsInterval() {
        StaticModel m = new StaticModel(new int[]{3, 1, 5, 1});
        int[] expected = {0, 0, 0, 1, 2, 2, 2, 2, 2, 3};
        for (int v = 0; v < 10; v++) assertEquals(expected[v], m.symbolAt(v), "value " + v);
        assertEquals(-Math.log(0.5) / Math.log(2), m.minimumBits(), 1e-12);
        assertThrows(IllegalStateException.class, () -> new StaticModel(new int[]{2, 0}));
    }

    @Test
    void eliasGammaRoundTripsSmallAndHugeValuesAndCostsWhatItShould() {
        int[] values = {1, 2, 3, 4, 7, 8, 1000, 65_535, 1 << 20, Integer.MAX_VALUE};
        ArithmeticEncoder enc = new ArithmeticEncoder();
        for (int v : values) EliasGamma.encode(enc, v);
        byte[] bytes = enc.finish();
        ArithmeticDecoder dec = new ArithmeticDecoder(bytes);
        for (int v : values) assertEquals(v, EliasGamma.decode(dec));
        // 2⌊log2 n⌋ + 1 equiprobable bits each: 1+3+3+5+5+7+19+31+41+61 = 176 bits, plus the coder's end
        assertTrue(bytes.length * 8 >= 176 && bytes.length * 8 <= 176 + 40, "got " + bytes.length * 8 + " bits");
        assertThrows(IllegalStateException.class, () -> EliasGamma.encode(new ArithmeticEncoder(), 0));
    }

    @Test
    void codingWithAStaticTableCostsItsEntropy() {
        int[] freq = {40_000, 20_000, 5_536};
        StaticModel m = new StaticModel(freq);
        Random r = new Random(7);
        int n = 100_000;
        int[] s = new int[n];
        double ideal = 0;
        ArithmeticEncoder enc = new ArithmeticEncoder();
        for (int i = 0; i < n; i++) {
            int u = r.nextInt(1 << 16);
            s[i] = m.symbolAt(u);
            ideal -= Math.log(freq[s[i]] / 65536.0) / Math.log(2);
            enc.encode(m, s[i]);
        }
        byte[] bytes = enc.finish();
        ArithmeticDecoder dec = new ArithmeticDecoder(bytes);
        for (int i = 0; i < n; i++) assertEquals(s[i], dec.decode(m));
        assertTrue(Math.abs(bytes.length * 8 - ideal) < 0.001 * ideal + 64, bytes.length * 8 + " bits against " + ideal);
    }
}
