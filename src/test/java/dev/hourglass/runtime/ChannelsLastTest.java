package dev.hourglass.runtime;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.model.Presets;
import dev.hourglass.train.OptimizerKind;
import dev.hourglass.train.TrainableModel;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.MemoryFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batches and trained models are channels-last: a one-channel batch gets channels-last strides
 * (libtorch keeps NCHW strides for it otherwise, and the first convolution then runs its NCHW
 * kernel and answers in NCHW), with its values unchanged; a training model's convolution weights
 * are channels-last.
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
    void theFirstConvolutionOfAChannelsLastModelComputesChannelsLastOnTheBatch() {
        try (MemoryScope s = new MemoryScope()) {
            torch.manual_seed(4);
            Conv2dOptions o = new Conv2dOptions(1, 8, new LongPointer(4L, 4L));
            o.stride().put(new long[]{2, 2});
            o.padding().put(new LongPointer(1L, 1L));
            Conv2dImpl conv = new Conv2dImpl(o);
            ChannelsLast.apply(conv);
            Tensor wide = torch.rand(new long[]{2, 1, 12, 20});
            Tensor x = wide.narrow(3, 4, 16); // a window: not contiguous, so input() must copy before it re-strides
            Tensor plain = conv.forward(x.contiguous());
            Tensor viaInput = conv.forward(ChannelsLast.input(x));
            assertTrue(plain.stride(1) != 1, "libtorch's own one-channel batch gives an NCHW output: " + plain.stride(1));
            assertEquals(1, viaInput.stride(1), "through input(): a channels-last output");
            assertTrue(torch.allclose(plain, viaInput, 1e-5, 1e-6, false), "the same values");
            assertTrue(torch.equal(ChannelsLast.input(x), x), "input() keeps the window's values");
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
