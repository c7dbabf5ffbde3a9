package dev.hourglass.interop;

import dev.hourglass.model.Presets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The flat nn.Sequential numbering, written out by hand for the course's baseline (conv, bn, act per
 * hidden stage: indices 0-2, 3-5, 6-8, the latent conv at 9; the decoder's last conv at 9, Sigmoid at 10)
 * and for the residual preset (one residual block per stage).
 */
class NameLayoutTest {

    @Test
    void baselineAsTheCourseWritesIt() {
        var s = Presets.BASELINE;
        assertEquals("encoder.0.weight", NameLayout.SEQUENTIAL.external("encoder.stages.0.conv.weight", s));
        assertEquals("encoder.1.running_mean", NameLayout.SEQUENTIAL.external("encoder.stages.0.bn.running_mean", s));
        assertEquals("encoder.6.bias", NameLayout.SEQUENTIAL.external("encoder.stages.2.conv.bias", s));
        assertEquals("encoder.9.weight", NameLayout.SEQUENTIAL.external("encoder.stages.3.conv.weight", s));
        assertEquals("decoder.7.num_batches_tracked", NameLayout.SEQUENTIAL.external("decoder.stages.2.bn.num_batches_tracked", s));
        assertEquals("decoder.9.bias", NameLayout.SEQUENTIAL.external("decoder.stages.3.conv.bias", s));
        assertEquals("encoder.stages.3.conv.weight", NameLayout.HOURGLASS.external("encoder.stages.3.conv.weight", s));
    }

    @Test
    void residualBlocksAreOneChildEach() {
        var s = Presets.get("residual");
        // encoder stage: conv 0, bn 1, act 2, block 3; the next stage's conv at 4
        assertEquals("encoder.3.conv1.weight", NameLayout.SEQUENTIAL.external("encoder.stages.0.res.0.conv1.weight", s));
        assertEquals("encoder.4.weight", NameLayout.SEQUENTIAL.external("encoder.stages.1.conv.weight", s));
        // last encoder stage: conv 12, its block 13
        assertEquals("encoder.13.bn2.running_var", NameLayout.SEQUENTIAL.external("encoder.stages.3.res.0.bn2.running_var", s));
        // decoder stage: block 0, conv 1, bn 2, act 3; the next stage's block at 4
        assertEquals("decoder.0.conv2.bias", NameLayout.SEQUENTIAL.external("decoder.stages.0.res.0.conv2.bias", s));
        assertEquals("decoder.1.weight", NameLayout.SEQUENTIAL.external("decoder.stages.0.conv.weight", s));
        assertEquals("decoder.5.weight", NameLayout.SEQUENTIAL.external("decoder.stages.1.conv.weight", s));
    }

    @Test
    void gdnAndTheEntropyModel() {
        var s = Presets.FACTORIZED; // no activation modules: conv, gdn per hidden stage
        assertEquals("encoder.1.beta", NameLayout.SEQUENTIAL.external("encoder.stages.0.gdn.beta", s));
        assertEquals("encoder.2.weight", NameLayout.SEQUENTIAL.external("encoder.stages.1.conv.weight", s));
        assertEquals("decoder.5.gamma", NameLayout.SEQUENTIAL.external("decoder.stages.2.igdn.gamma", s));
        assertEquals("entropy_bottleneck.matrix0", NameLayout.SEQUENTIAL.external("entropy_bottleneck.matrix0", s));
    }

    @Test
    void skipsHaveNoSequentialForm() {
        assertFalse(NameLayout.SEQUENTIAL.fits(Presets.get("skips")));
    }
}
