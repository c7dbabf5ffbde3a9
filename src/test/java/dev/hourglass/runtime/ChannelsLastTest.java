package dev.hourglass.runtime;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.model.Presets;
import dev.hourglass.train.OptimizerKind;
import dev.hourglass.train.TrainableModel;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.MemoryFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batches and trained models are channels-last: a one-channel batch gets channels-last strides
 * (libtorch keeps NCHW strides for it otherwise, and the first convolution then runs its NCHW
 * kernel), with its values unchanged; a training model's convolution weights are channels-last.
 */
class ChannelsLastTest {

    @Test
    void aOneChannelBatchGetsChannelsLastStridesAndKeepsItsValues() {
        try (MemoryScope s = new MemoryScope()) {
            torch.manual_seed(3);
            Tensor x = torch.rand(new long[]{2, 1, 5, 7});
            assertEquals(35, x.stride(1), "libtorch's own one-channel batch has NCHW strides");
            Tensor c = ChannelsLast.input(x);
            assertEquals(1, c.stride(1), "channel stride");
            assertEquals(7, c.stride(2), "row stride");
            assertEquals(1, c.stride(3), "column stride");
            assertEquals(35, c.stride(0), "image stride");
            assertTrue(torch.equal(c, x), "same values");
        }
    }

    @Test
    void aMultiChannelBatchIsReorderedWithItsValues() {
        try (MemoryScope s = new MemoryScope()) {
            torch.manual_seed(4);
            Tensor x = torch.rand(new long[]{2, 3, 4, 5});
            Tensor c = ChannelsLast.input(x);
            assertTrue(c.is_contiguous(MemoryFormat.ChannelsLast));
            assertFalse(c.is_contiguous());
            assertTrue(torch.equal(c, x), "same values");
        }
    }

    @Test
    void aTrainingModelsConvolutionsAreChannelsLast() {
        TrainableModel t = TrainableModel.create(Presets.get("baseline").withImageSize(32), OptimizerKind.ADAM, 1e-3, 0, DeviceChoice.CPU, 1);
        int checked = 0;
        try (MemoryScope s = new MemoryScope()) {
            StringTensorDict ps = t.model().named_parameters();
            for (long i = 0; i < ps.size(); i++) {
                Tensor p = ps.get(i).value();
                if (p.dim() != 4 || p.size(1) == 1 || p.size(2) * p.size(3) == 1) continue; // both layouts at once
                checked++;
                assertTrue(p.is_contiguous(MemoryFormat.ChannelsLast), ps.get(i).key().getString());
            }
        }
        assertTrue(checked >= 6, "convolutions checked: " + checked);
    }
}
