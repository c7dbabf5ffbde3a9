package dev.hourglass.codec.entropy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianTablesTest {

    private static final GaussianTables T = GaussianTables.of(ScaleTable.standard());

    @Test
    void everyTableIsA16BitTableOverMinusKToKAndAnEscape() {
        assertEquals(64, T.size());
        for (int i = 0; i < T.size(); i++) {
            double sigma = T.scales().scale(i);
            int k = T.halfWidth(i);
            assertEquals(Math.min(255, (int) Math.ceil(sigma * 6.1)), k, "K of table " + i);
            int[] f = T.frequencies(i);
            assertEquals(2 * k + 2, f.length);
            assertTrue(f.length <= 512);
            assertEquals(2 * k + 1, T.escape(i));
            assertEquals(1 << 16, Arrays.stream(f).sum(), "total of table " + i);
            assertTrue(Arrays.stream(f).allMatch(v -> v >= 1), "every symbol of table " + i + " is codable");
            assertEquals(T.model(i).minimumBits(), T.minimumBits(i));
        }
        assertEquals(1, T.halfWidth(0), "σ = 0.11: −1..1 and the escape");
        assertThrows(IllegalStateException.class, () -> T.model(64));
        assertThrows(IllegalStateException.class, () -> T.halfWidth(-1));
    }

    /**
     * Coding the Gaussian with a table costs its cross-entropy: at most 0.005 bits per value over
     * the entropy (the worst, 0.0043 at σ ≈ 40, where QuantizedFrequencies takes the mass of the
     * floored tail symbols from the largest entries; at σ = 0.11 the cap on the mode, 0.0014).
     */
    @Test
    void frequenciesFollowTheGaussianMass() {
        for (int i = 0; i < T.size(); i++) {
            double sigma = T.scales().scale(i);
            int k = T.halfWidth(i);
            int[] f = T.frequencies(i);
            double overhead = 0;
            for (int q = -k; q <= k + 1; q++) {
                double p = q <= k ? NormalCdf.cdf((q + 0.5) / sigma) - NormalCdf.cdf((q - 0.5) / sigma) : 2 * NormalCdf.cdf((-k - 0.5) / sigma);
                if (p > 0) overhead += p * Math.log(p * 65536 / f[q + k]) / Math.log(2);
            }
            assertTrue(overhead < 0.005, "table " + i + " (σ = " + sigma + ") costs " + overhead + " bits per value over the entropy");
        }
        // the escape: at the floor for narrow tables, about 2Φ(−255.5/256) ≈ 0.318 for the widest, capped one
        assertEquals(1, T.frequencies(10)[T.escape(10)]);
        assertEquals(2 * NormalCdf.cdf(-255.5 / 256), T.frequencies(63)[T.escape(63)] / 65536.0, 0.002);
    }

    /** The tables are part of the file format: these exact integers on every machine. */
    @Test
    void theSameIntegersOnEveryBuild() {
        GaussianTables again = GaussianTables.of(ScaleTable.standard());
        CRC32 crc = new CRC32();
        for (int i = 0; i < T.size(); i++) {
            assertArrayEquals(T.frequencies(i), again.frequencies(i));
            for (int v : T.frequencies(i)) crc.update(new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }
        assertEquals(GOLDEN_CRC, crc.getValue(), "the standard tables changed: files coded with the old ones would no longer decode");
    }

    private static final long GOLDEN_CRC = 1_300_820_806L;
}
