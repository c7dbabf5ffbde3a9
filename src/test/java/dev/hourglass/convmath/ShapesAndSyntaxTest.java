package dev.hourglass.convmath;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapesAndSyntaxTest {

    @Test
    void courseQ22ShapePropagation() {
        List<ConvLayer> layers = List.of(LayerSyntax.parse("conv:1:64:k7:s2:p3"), LayerSyntax.parse("conv:64:128:k3:s2:p1"),
                LayerSyntax.parse("conv:128:256:k3:s2:p1"), LayerSyntax.parse("conv:256:64:k3:s2:p1"));
        List<Shape> s = ShapePropagation.chain(layers, Shape.parse("8x1x256x256"));
        assertEquals(List.of(Shape.of(8, 64, 128, 128), Shape.of(8, 128, 64, 64), Shape.of(8, 256, 32, 32), Shape.of(8, 64, 16, 16)), s);
        assertEquals("(8, 64, 16, 16)", s.get(3).toString());
    }

    @Test
    void syntaxReadsEveryField() {
        ConvLayer l = LayerSyntax.parse("tconv:64:32:k4:s2:p1:d1:g2:op1:nobias");
        assertEquals(new ConvLayer(ConvKind.TRANSPOSED, 64, 32, 4, 2, 1, 1, 2, false, 1), l);
        assertEquals(ConvLayer.conv(3, 8, 5, 1, 0), LayerSyntax.parse("conv:3:8:k5"));
    }

    @Test
    void badLayersAndShapesAreExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerSyntax.parse("pool:1:2:k2")).getMessage().contains("unknown kind"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerSyntax.parse("conv:1:2")).getMessage().contains("expected"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerSyntax.parse("conv:1:2:s2")).getMessage().contains("missing kernel"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerSyntax.parse("conv:a:2:k3")).getMessage().contains("integer"));
        assertThrows(IllegalArgumentException.class, () -> Shape.parse("8x0x4x4"));
        assertThrows(IllegalArgumentException.class, () -> Shape.parse("8xfour"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapePropagation.chain(List.of(LayerSyntax.parse("conv:1:8:k3"), LayerSyntax.parse("conv:4:8:k3")), Shape.of(1, 1, 8, 8)));
        assertTrue(e.getMessage().contains("layer 2") && e.getMessage().contains("expects 4 input channels but receives 8"), e.getMessage());
    }

    @Test
    void elementwiseCostsFollowTheStatedConventions() {
        assertEquals(10, ElementwiseCost.BATCH_NORM.macs(10));
        assertEquals(40, ElementwiseCost.SIGMOID.flops(10));
        assertEquals(0, ElementwiseCost.CONCAT.flops(10));
    }
}
