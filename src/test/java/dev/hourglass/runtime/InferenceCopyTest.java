package dev.hourglass.runtime;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.Presets;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.MemoryFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inference runs a channels-last copy of every model (with BatchNorm folded in when it has it), and
 * gives what the model itself computes in eval mode, NCHW, within 1e-5 (the tolerance of
 * BatchNormFoldingTest, whose reasoning holds here: both are float32, only the order of the
 * additions inside a convolution differs). Measured 2026-11-28: at most 6e-8 (bench/ChannelsLast.java).
 */
class InferenceCopyTest {

    private static final int N = BatchNormFoldingTest.N; // its helpers make and compare inputs of this count and size
    private static final int SIZE = BatchNormFoldingTest.SIZE;

    @ParameterizedTest
    @ValueSource(strings = {"factorized", "baseline", "residual", "skips", "mean-scale"})
    void theChannelsLastCopyComputesWhatTheModelDoesAndFollowsItsWeights(String preset) {
        ModelRunner r = ModelRunner.build(Presets.get(preset).withImageSize(SIZE), DeviceChoice.CPU, 5);
        float[] x = BatchNormFoldingTest.input(3, N);
        float[] own = BatchNormFoldingTest.unfoldedForward(r, x);
        double diff = BatchNormFoldingTest.maxAbsDiff(own, r.reconstruct(x, N, SIZE, SIZE));
        assertTrue(diff <= 1e-5, preset + ": the inference copy differs by " + diff);

        Autoencoder copy = r.inferenceModel();
        assertNotSame(r.model(), copy, "every model runs a copy");
        int fourD = 0;
        try (MemoryScope s = new MemoryScope()) {
            StringTensorDict ps = copy.named_parameters();
            for (long i = 0; i < ps.size(); i++) {
                Tensor p = ps.get(i).value();
                if (p.dim() != 4 || p.size(1) == 1 || p.size(2) * p.size(3) == 1) continue; // one channel or 1×1: both layouts at once
                fourD++;
                assertTrue(p.is_contiguous(MemoryFormat.ChannelsLast), ps.get(i).key().getString() + " is channels-last");
                assertFalse(p.is_contiguous(), ps.get(i).key().getString() + " is no longer NCHW");
            }
        }
        assertTrue(fourD >= 6, "the convolutions were checked: " + fourD);

        // the copy follows the model: weights changed in place (as a training step does) are copied anew
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            StringTensorDict ps = r.model().named_parameters();
            long last = -1; // the decoder's last 4-D weight: nothing after it can normalise the change away
            for (long i = 0; i < ps.size(); i++) {
                if (ps.get(i).key().getString().startsWith("decoder.") && ps.get(i).value().dim() == 4) last = i;
            }
            ps.get(last).value().mul_(new Scalar(1.5));
        }
        float[] ownAfter = BatchNormFoldingTest.unfoldedForward(r, x);
        assertTrue(BatchNormFoldingTest.maxAbsDiff(own, ownAfter) > 1e-4, "the weight change must show in the model's own output");
        double after = BatchNormFoldingTest.maxAbsDiff(ownAfter, r.reconstruct(x, N, SIZE, SIZE));
        assertTrue(after <= 1e-5, preset + ": after the weights changed, the copy differs by " + after);
        assertEquals(N * SIZE * SIZE, own.length);
    }
}
