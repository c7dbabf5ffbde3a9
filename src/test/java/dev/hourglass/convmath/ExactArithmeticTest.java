package dev.hourglass.convmath;

import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExactArithmeticTest {

    @Test
    void macsThatPassALongAreRefusedNotWrappedNegative() {
        ConvLayer big = new ConvLayer(ConvKind.CONV, 4096, 4096, 9, 1, 4, 1, 1, true, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> big.macs(100_000, 100_000));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> big.flops(100_000, 100_000));
        // just below the limit it is exact: 4096·4096·81·(2^15)² = 1,460,288,880,640 · 1024
        assertEquals(4096L * 4096 * 81 * 32768 * 32768, big.macs(32768, 32768));
    }

    @Test
    void aReceptiveFieldBeyondAnIntIsRefused() {
        ConvLayer l = new ConvLayer(ConvKind.CONV, 1, 1, 3, 2, 1, 1, 1, true, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReceptiveField.recursion(Collections.nCopies(70, l)));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }
}
