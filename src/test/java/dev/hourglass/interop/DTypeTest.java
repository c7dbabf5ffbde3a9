package dev.hourglass.interop;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Half and bfloat16 bit patterns with their IEEE 754 values, from the format's tables. */
class DTypeTest {

    @Test
    void halfPrecision() {
        assertEquals(1.0f, DType.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, DType.halfToFloat((short) 0xc000));
        assertEquals(65504f, DType.halfToFloat((short) 0x7bff));            // largest half
        assertEquals(0x1p-24f, DType.halfToFloat((short) 0x0001));          // smallest subnormal
        assertEquals(0x1p-14f, DType.halfToFloat((short) 0x0400));          // smallest normal
        assertEquals(-0.0f, DType.halfToFloat((short) 0x8000));
        assertEquals(Float.POSITIVE_INFINITY, DType.halfToFloat((short) 0x7c00));
        assertTrue(Float.isNaN(DType.halfToFloat((short) 0x7e00)));
    }

    @Test
    void bfloat16AndIntegersThroughTheByteReaders() {
        ForeignTensor bf = new ForeignTensor(DType.BF16, new long[]{2}, new byte[]{(byte) 0x80, 0x3f, 0x20, (byte) 0xc1});
        assertEquals(1.0f, bf.floats()[0]);
        assertEquals(-10.0f, bf.floats()[1]);
        ForeignTensor i32 = new ForeignTensor(DType.I32, new long[]{1}, new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertEquals(-1L, i32.longs()[0]);
    }
}
