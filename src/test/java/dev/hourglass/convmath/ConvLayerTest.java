package dev.hourglass.convmath;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvLayerTest {

    private final ConvLayer q21 = ConvLayer.conv(64, 128, 3, 1, 1);

    @Test
    void courseQ21ParametersAndMacs() {
        assertEquals(73_856, q21.parameters());
        assertEquals(64, q21.outputSize(64));
        assertEquals(301_989_888L, q21.macs(64, 64));
        ConvLayer unpadded = ConvLayer.conv(64, 128, 3, 1, 0);
        assertEquals(62, unpadded.outputSize(64));
        assertEquals(283_410_432L, unpadded.macs(64, 64));
    }

    @Test
    void groupsDivideWeights() {
        ConvLayer g2 = new ConvLayer(ConvKind.CONV, 64, 128, 3, 1, 1, 1, 2, true, 0);
        assertEquals(36_992, g2.parameters());
        assertEquals(q21.macs(64, 64) / 2, g2.macs(64, 64));
        ConvLayer noBias = new ConvLayer(ConvKind.CONV, 64, 128, 3, 1, 1, 1, 1, false, 0);
        assertEquals(73_728, noBias.parameters());
    }

    @Test
    void workedArithmeticShowsTheNumbers() {
        WorkedArithmetic w = q21.parametersWorked();
        assertEquals("128·(64/1)·3² + 128", w.substituted());
        assertEquals("parameters = C_out·(C_in/g)·k² + C_out = 128·(64/1)·3² + 128 = 73,856", w.toString());
        assertEquals("64·64·128·3²·(64/1)", q21.macsWorked(64, 64).substituted());
    }

    @Test
    void transposedConvolutionUpsamplesAndCountsAtInputResolution() {
        ConvLayer t = ConvLayer.transposed(64, 256, 4, 2, 1);
        assertEquals(32, t.outputSize(16));
        assertEquals(262_400, t.parameters());
        // H_in·W_in·C_in·k²·C_out = 16·16·64·16·256, a quarter of the count at output resolution
        assertEquals(67_108_864L, t.macs(16, 16));
        assertEquals(4 * t.macs(16, 16), 32L * 32 * 64 * 16 * 256);
        ConvLayer op = new ConvLayer(ConvKind.TRANSPOSED, 4, 2, 3, 2, 1, 1, 1, false, 1);
        assertEquals(32, op.outputSize(16));
    }

    @Test
    void dilationWidensTheKernel() {
        ConvLayer d = new ConvLayer(ConvKind.CONV, 1, 1, 3, 1, 2, 2, 1, true, 0);
        assertEquals(5, d.effectiveKernel());
        assertEquals(64, d.outputSize(64));
    }

    @Test
    void impossibleLayersAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvLayer.conv(0, 8, 3, 1, 0))
                .getMessage().contains("inChannels must be positive but was 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvLayer.conv(8, 8, -3, 1, 0))
                .getMessage().contains("kernel"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ConvLayer(ConvKind.CONV, 6, 8, 3, 1, 0, 1, 4, true, 0))
                .getMessage().contains("divisible by groups"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvLayer.conv(1, 1, 7, 1, 0).outputSize(4))
                .getMessage().contains("kernel larger than the padded input"));
        assertThrows(IllegalArgumentException.class, () -> q21.outputSize(0));
        assertThrows(IllegalArgumentException.class, () -> new ConvLayer(ConvKind.TRANSPOSED, 1, 1, 3, 2, 0, 1, 1, true, 2));
    }
}
