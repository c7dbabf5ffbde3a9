package dev.hourglass.runtime;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rounding float32 weights to fewer mantissa bits: to nearest, ties to even, exponent range kept. */
class WeightRoundingTest {

    static final float ULP10 = 0x1p-10f; // the last kept bit's weight at 1.0 with 10 mantissa bits

    @Test
    void roundsToNearestWithTiesToEven() {
        assertEquals(1f, WeightRounding.round(1f + 0x1p-11f, 10), "a tie below an even last bit stays");
        assertEquals(1f + 2 * ULP10, WeightRounding.round(1f + ULP10 + 0x1p-11f, 10), "a tie above an odd last bit goes up");
        assertEquals(1f + ULP10, WeightRounding.round(1f + 0x1p-11f + 0x1p-20f, 10), "just above half goes up");
        assertEquals(1f, WeightRounding.round(1f + 0x1p-11f - 0x1p-20f, 10), "just below half goes down");
        assertEquals(2f, WeightRounding.round(2f - 0x1p-20f, 10), "the carry moves into the exponent");
        assertEquals(-1.5f, WeightRounding.round(-1.5f - 0x1p-14f, 10), "the sign is kept");
        assertEquals(3e-30f, WeightRounding.round(3e-30f, 23), "23 bits is float32 itself");
        assertEquals(Float.NEGATIVE_INFINITY, WeightRounding.round(Float.NEGATIVE_INFINITY, 10));
        assertTrue(Float.isNaN(WeightRounding.round(Float.NaN, 10)));
        assertEquals(0f, WeightRounding.round(0f, 1));
        assertThrows(IllegalArgumentException.class, () -> WeightRounding.round(1f, 0));
        assertThrows(IllegalArgumentException.class, () -> WeightRounding.round(1f, 24));
    }

    @Test
    void clearsTheDroppedBitsAndStaysWithinHalfAKeptUnitAtAnyScale() {
        Random r = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            float v = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(61) - 30));
            float q = WeightRounding.round(v, 10);
            assertEquals(0, Float.floatToRawIntBits(q) & 0x1FFF, v + " → " + q + " keeps dropped bits");
            assertTrue(Math.abs((double) q - v) <= Math.abs((double) v) * 0x1p-11, v + " → " + q);
        }
    }
}
