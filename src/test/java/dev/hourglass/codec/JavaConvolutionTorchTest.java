package dev.hourglass.codec;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JavaConvolution against libtorch on the hyper-synthesis' shapes: 64 → 64 channels, random data. */
class JavaConvolutionTorchTest {

    private static final int C = 64;
    private static final int H = 13;
    private static final int W = 17;

    @Test
    void transposedK5S2P2OutputPadding1MatchesLibtorch() {
        Torch.load();
        Random r = new Random(1);
        float[] in = JavaConvolutionTest.random(r, C * H * W);
        float[] weight = scaled(JavaConvolutionTest.random(r, C * C * 25), C * 25);
        float[] bias = JavaConvolutionTest.random(r, C);
        float[] ours = JavaConvolution.convTranspose2d(in, C, H, W, weight, bias, C, 5, 2, 2, 1);
        try (MemoryScope s = new MemoryScope()) {
            Tensor t = torch.conv_transpose2d(Tensors.fromFloats(in, 1, C, H, W), Tensors.fromFloats(weight, C, C, 5, 5),
                    new TensorOptional(Tensors.fromFloats(bias, C)), new long[]{2, 2}, new long[]{2, 2}, new long[]{1, 1}, 1, 1, 1);
            assertArrayEquals(new long[]{1, C, 2 * H, 2 * W}, Tensors.shape(t));
            assertClose(Tensors.toFloats(t), ours);
        }
    }

    @Test
    void convolutionK3S1P1AndK5S2P2MatchLibtorch() {
        Torch.load();
        Random r = new Random(2);
        float[] in = JavaConvolutionTest.random(r, C * H * W);
        float[] bias = JavaConvolutionTest.random(r, C);
        for (int[] kind : new int[][]{{3, 1, 1}, {5, 2, 2}}) {
            int k = kind[0], stride = kind[1], pad = kind[2];
            float[] weight = scaled(JavaConvolutionTest.random(r, C * C * k * k), C * k * k);
            float[] ours = JavaConvolution.conv2d(in, C, H, W, weight, bias, C, k, stride, pad);
            try (MemoryScope s = new MemoryScope()) {
                Tensor t = torch.conv2d(Tensors.fromFloats(in, 1, C, H, W), Tensors.fromFloats(weight, C, C, k, k),
                        new TensorOptional(Tensors.fromFloats(bias, C)), new long[]{stride, stride}, new long[]{pad, pad}, new long[]{1, 1}, 1);
                assertClose(Tensors.toFloats(t), ours);
            }
        }
    }

    /** Weights of the usual size, uniform in ±1/√fan-in, so outputs are of order 1. */
    private static float[] scaled(float[] w, int fanIn) {
        float f = (float) (1 / Math.sqrt(fanIn));
        for (int i = 0; i < w.length; i++) w[i] *= f;
        return w;
    }

    private static void assertClose(float[] expected, float[] got) {
        assertTrue(expected.length == got.length, expected.length + " values from libtorch, " + got.length + " ours");
        double worst = 0;
        for (int i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs((double) expected[i] - got[i]));
        assertTrue(worst < 1e-4, "largest difference from libtorch " + worst);
    }
}
