package dev.hourglass.codec.entropy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScaleTableTest {

    private final ScaleTable t = ScaleTable.standard();

    @Test
    void sixtyFourLogSpacedScalesFromTheLowerBoundTo256() {
        assertEquals(64, t.size());
        assertEquals(ScaleTable.LOWER_BOUND, t.scale(0), 1e-15);
        assertEquals(256, t.scale(63), 1e-12);
        double ratio = Math.pow(256 / 0.11, 1.0 / 63);
        for (int i = 1; i < 64; i++) assertEquals(ratio, t.scale(i) / t.scale(i - 1), 1e-12, "step " + i);
        assertThrows(IllegalStateException.class, () -> t.scale(64));
    }

    @Test
    void indexIsTheSmallestScaleNotBelowSigma() {
        for (int i = 0; i < 64; i++) {
            float exact = (float) t.scale(i);
            int at = t.index(exact);
            assertTrue((t.scale(at) >= exact || at == 63) && (at == 0 || t.scale(at - 1) < exact), "σ = scale " + i);
            assertEquals(Math.min(63, i + 1), t.index((float) (t.scale(i) * 1.001)));
        }
        assertEquals(0, t.index(0.05f));
        assertEquals(0, t.index(0f));
        assertEquals(0, t.index(-3f));
        assertEquals(63, t.index(1e30f));
        assertEquals(63, t.index(Float.MAX_VALUE));
    }

    @Test
    void nanAndInfiniteScalesAreABug() {
        assertTrue(assertThrows(IllegalStateException.class, () -> t.index(Float.NaN)).getMessage().contains("NaN"));
        assertThrows(IllegalStateException.class, () -> t.index(Float.POSITIVE_INFINITY));
        assertThrows(IllegalStateException.class, () -> t.index(Float.NEGATIVE_INFINITY));
    }
}
