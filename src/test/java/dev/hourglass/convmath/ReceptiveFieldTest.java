package dev.hourglass.convmath;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceptiveFieldTest {

    private static final List<ConvLayer> BASELINE = List.of(ConvLayer.conv(1, 64, 4, 2, 1), ConvLayer.conv(64, 128, 4, 2, 1),
            ConvLayer.conv(128, 256, 4, 2, 1), ConvLayer.conv(256, 64, 4, 2, 1));

    @Test
    void baselineEncoderGives4_10_22_46() {
        List<RfStep> s = ReceptiveField.recursion(BASELINE);
        assertEquals(List.of(4, 10, 22, 46), s.stream().map(RfStep::size).toList());
        assertEquals(List.of(2, 4, 8, 16), s.stream().map(RfStep::jump).toList());
        assertEquals(7.5, s.get(3).start());
        assertEquals("22 + (4 − 1)·8", s.get(3).sizeWorked().substituted());
    }

    @Test
    void latentUnitSeesItsPatchWithContext() {
        RfStep last = ReceptiveField.recursion(BASELINE).get(3);
        assertEquals(new Interval(-15, 30), last.unitInterval(0));
        assertTrue(last.coversOwnPatch(0));
        assertTrue(last.coversOwnPatch(7));
        // stride 4 with kernel 2: jump outgrows the field and a unit no longer sees its own patch
        RfStep sparse = ReceptiveField.recursion(List.of(ConvLayer.conv(1, 1, 2, 4, 0), ConvLayer.conv(1, 1, 2, 4, 0))).get(1);
        assertEquals(6, sparse.size());
        assertEquals(16, sparse.jump());
        assertFalse(sparse.coversOwnPatch(0));
    }

    @Test
    void intervalPropagationAgreesWithTheRecursion() {
        Interval in = Interval.point(8);
        for (int i = BASELINE.size() - 1; i >= 0; i--) in = ReceptiveField.inputsOf(BASELINE.get(i), in);
        assertEquals(46, in.size());
        assertEquals(ReceptiveField.recursion(BASELINE).get(3).unitInterval(8), in);
    }

    @Test
    void projectiveFieldOfTheBaselineDecoder() {
        Interval out = Interval.point(8);
        for (int i = 0; i < 4; i++) out = ReceptiveField.outputsOf(ConvLayer.transposed(1, 1, 4, 2, 1), out);
        assertEquals(46, out.size()); // (PF − 1)·2 + 4: 1 → 4 → 10 → 22 → 46
        // a transposed k4 s2 output depends on two inputs
        assertEquals(2, ReceptiveField.inputsOf(ConvLayer.transposed(1, 1, 4, 2, 1), Interval.point(9)).size());
    }

    @Test
    void recursionRefusesTransposedLayers() {
        assertThrows(IllegalArgumentException.class, () -> ReceptiveField.recursion(List.of(ConvLayer.transposed(1, 1, 4, 2, 1))));
    }
}
