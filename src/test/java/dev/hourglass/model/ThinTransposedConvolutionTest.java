package dev.hourglass.model;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.ConvKind;
import dev.hourglass.convmath.ConvLayer;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 1×1-convolution-and-overlap-add form of thin transposed convolutions against libtorch's module. */
class ThinTransposedConvolutionTest {

    private static final List<ConvLayer> LAYERS = List.of(
            ConvLayer.transposed(64, 1, 4, 2, 1),                                            // the course's last layer
            ConvLayer.transposed(16, 1, 5, 2, 2, 1),                                         // the factorized models' last layer
            new ConvLayer(ConvKind.TRANSPOSED, 8, 3, 3, 1, 1, 1, 1, false, 0),              // stride 1, three channels, no bias
            new ConvLayer(ConvKind.TRANSPOSED, 6, 2, 3, 3, 2, 2, 1, true, 1),               // stride 3, dilation 2, output padding
            new ConvLayer(ConvKind.TRANSPOSED, 5, 4, 2, 3, 0, 1, 1, true, 0));              // 4 channels; kernel under the stride: gaps

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void givesTheModulesOutput(boolean channelsLast) {
        Torch.load();
        for (ConvLayer layer : LAYERS) {
            torch.manual_seed(7);
            ConvTranspose2dImpl conv = Layers.transposed(layer);
            try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
                Tensor x = torch.randn(2, layer.inChannels(), 9, 7);
                if (channelsLast) { // as the inference copy holds its weights and inputs
                    x = x.contiguous(torch.MemoryFormat.ChannelsLast);
                    conv.weight().__dispatch_set_data(conv.weight().contiguous(torch.MemoryFormat.ChannelsLast));
                }
                Tensor expected = conv.forward(x);
                assertTrue(ThinTransposedConvolution.applies(layer, x), layer.toString());
                Tensor actual = ThinTransposedConvolution.forward(conv, layer, x);
                assertArrayEquals(expected.sizes().vec().get(), actual.sizes().vec().get(), layer.toString());
                assertArrayEquals(Tensors.toFloats(expected), Tensors.toFloats(actual), 1e-5f, layer.toString());
            }
        }
    }

    @Test
    void onlyWithoutAutogradAndForThinUngroupedLayers() {
        Torch.load();
        ConvLayer last = ConvLayer.transposed(64, 1, 4, 2, 1);
        try (MemoryScope s = new MemoryScope()) {
            Tensor x = torch.rand(1, 64, 4, 4);
            assertFalse(ThinTransposedConvolution.applies(last, x), "autograd on: the module, whose backward is as fast");
            try (NoGradGuard g = new NoGradGuard()) {
                assertTrue(ThinTransposedConvolution.applies(last, x));
                assertFalse(ThinTransposedConvolution.applies(ConvLayer.transposed(64, 5, 4, 2, 1), x));
                assertFalse(ThinTransposedConvolution.applies(new ConvLayer(ConvKind.TRANSPOSED, 4, 2, 4, 2, 1, 1, 2, true, 0), x));
                assertFalse(ThinTransposedConvolution.applies(new ConvLayer(ConvKind.TRANSPOSED, 4, 2, 4, 2, 1, 3, 1, true, 2), x));
            }
        }
    }

    @Test
    void aDecoderGivesTheSameImageWithAndWithoutAutograd() {
        Torch.load();
        torch.manual_seed(3);
        Autoencoder model = new Autoencoder(Presets.get("baseline"));
        model.eval();
        try (MemoryScope s = new MemoryScope()) {
            Tensor x = torch.rand(2, 1, 64, 64);
            float[] withAutograd = Tensors.toFloats(model.forward(x));                        // libtorch's module
            float[] without;
            try (NoGradGuard g = new NoGradGuard()) {
                without = Tensors.toFloats(model.forward(x));                                   // the thin form
            }
            assertArrayEquals(withAutograd, without, 1e-5f);
            // and it is another computation (sums in another order), so the decoder does call the thin form
            assertFalse(Arrays.equals(withAutograd, without), "the decoder ran libtorch's module both times");
        }
    }
}
