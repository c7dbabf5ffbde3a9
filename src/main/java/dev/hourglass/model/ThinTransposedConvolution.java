package dev.hourglass.model;

import dev.hourglass.convmath.ConvLayer;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.MemoryFormat;

import static org.bytedeco.pytorch.global.torch.col2im;
import static org.bytedeco.pytorch.global.torch.conv2d;

/**
 * A transposed convolution with few output channels (every decoder here ends with C → 1), computed
 * without autograd as a 1×1 convolution and an overlap-add: each input pixel's C values, times the
 * weight seen as C_out·k·k filters of 1×1, give that pixel's k×k patch of every output channel,
 * and {@code col2im} adds the patches up at the layer's stride, dilation and padding. libtorch's
 * own kernel is slow for a single output channel: the baseline's last layer took about 22 ms of a
 * batch-8 inference of about 200 ms, this form 13–16 ms (README, Benchmarks, round seven). The
 * 1×1 convolution runs in oneDNN; a matrix product here went to OpenBLAS and made the whole
 * inference slower, probably because OpenBLAS's own threads competed with oneDNN's. With autograd
 * the module stays: whole training steps were no faster this way (slower for the factorized
 * model's 5×5 layer).
 */
final class ThinTransposedConvolution {

    /** Output channels up to which this form is used. */
    static final int MAX_OUT_CHANNELS = 4;

    private ThinTransposedConvolution() {
    }

    /**
     * Whether {@code layer} is computed here for input {@code x}: no autograd, few output channels, no
     * groups, an output padding under the stride (col2im's patch grid must be the input's), and on
     * the CPU, the only place where it was measured (CUDA keeps the module).
     */
    static boolean applies(ConvLayer layer, Tensor x) {
        return !GradMode.is_enabled() && x.is_cpu() && layer.outChannels() <= MAX_OUT_CHANNELS && layer.groups() == 1
                && layer.outputPadding() < layer.stride();
    }

    /**
     * {@code conv}'s output for x of shape [B, C, H, W]: [B, C_out, H_out, W_out], channels-last when x is
     * (as the module's would be; for one channel the two layouts are the same memory).
     * @param layer the plan {@code conv} was built from (kernel, stride, padding, dilation, output padding, bias)
     */
    static Tensor forward(ConvTranspose2dImpl conv, ConvLayer layer, Tensor x) {
        long b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        int k = layer.kernel(), s = layer.stride(), p = layer.padding(), d = layer.dilation();
        long outH = layer.outputSize(Math.toIntExact(h)), outW = layer.outputSize(Math.toIntExact(w)); // convmath's size, the module's too
        Tensor taps = conv.weight().reshape(c, -1).t().reshape(-1, c, 1, 1);              // [C_out·k·k, C, 1, 1]
        Tensor patches = conv2d(x, taps).reshape(b, -1, h * w);                             // [B, C_out·k·k, H·W]
        Tensor y = col2im(patches, new long[]{outH, outW}, new long[]{k, k}, new long[]{d, d}, new long[]{p, p}, s, s);
        if (layer.bias()) y = y.add(conv.bias().view(1, layer.outChannels(), 1, 1));
        return x.is_contiguous(MemoryFormat.ChannelsLast) ? y.contiguous(MemoryFormat.ChannelsLast) : y;
    }
}
