package dev.hourglass.codec;

import dev.hourglass.codec.format.FormatException;
import dev.hourglass.model.FrozenTables;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrozenTableCoderTest {

    /** Two channels: values −2..2 around 0.25, and −1..1 around −3. */
    static FrozenTables tables() {
        return new FrozenTables(new int[]{-2, -1}, new int[]{5, 3}, new float[]{0.25f, -3f},
                new int[][]{{1000, 10000, 43535, 10000, 1000, 1}, {20000, 25535, 20000, 1}});
    }

    @Test
    void valuesFarOutsideTheTableTakeTheEscapeAndComeBackExactly() throws FormatException {
        // channel 0 around 0.25: symbols −2..2 are in the table; ±3, 1000, −1e6 are escaped
        float[] latent = {0.25f, 1.25f, -1.75f, 3.25f, -2.75f, 1000.25f, -999_999.75f, 2.25f,
                -3f, -2f, -4f, 5_000_000f, -7_000_000f, -3f, -3f, -3f};
        byte[] payload = FrozenTableCoder.encode(latent, 2, 8, tables());
        float[] back = FrozenTableCoder.decode(payload, 2, 8, tables());
        assertArrayEquals(latent, back);
    }

    @Test
    void valuesAreRoundedAroundTheMedian() throws FormatException {
        float[] latent = {0.6f, 0.74f, 0.76f, -0.3f, -3.4f, -2.6f, -3.51f, -2.49f};
        float[] expected = {0.25f, 0.25f, 1.25f, -0.75f, -3f, -3f, -4f, -2f};
        float[] back = FrozenTableCoder.decode(FrozenTableCoder.encode(latent, 2, 4, tables()), 2, 4, tables());
        assertArrayEquals(expected, back);
    }

    /** A stream cut short ends in the format error (exit 5), not in the coder's own exception (an internal error before). */
    @Test
    void aStreamThatEndsBeforeItsValuesIsAFormatError() {
        float[] latent = new float[2 * 400];
        for (int i = 0; i < latent.length; i++) latent[i] = i < 400 ? 1.25f : -2f; // in the tables: no escape, ~3 bits each
        byte[] payload = FrozenTableCoder.encode(latent, 2, 400, tables());
        assertTrue(payload.length > 100, "a payload of " + payload.length + " bytes");
        byte[] cut = java.util.Arrays.copyOf(payload, 20);
        FormatException e = assertThrows(FormatException.class, () -> FrozenTableCoder.decode(cut, 2, 400, tables()));
        assertTrue(e.getMessage().contains("corrupt payload"), e.getMessage());
    }

    @Test
    void theMinimumPayloadFollowsTheLargestProbabilities() {
        double ch0 = -Math.log(43535 / 65536.0) / Math.log(2);
        double ch1 = -Math.log(25535 / 65536.0) / Math.log(2);
        assertEquals(10 * (ch0 + ch1), FrozenTableCoder.minimumBits(tables(), 10), 1e-9);
    }
}
