package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.LongArrayRef;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.MemoryFormat;

/**
 * The channels-last (NHWC) layout, in which libtorch's CPU convolutions skip the layout conversions
 * they make for NCHW tensors: inference runs its copy of the model in it ({@link InferenceCopy}),
 * training its model and batches. Training channels-last paid only once the one-channel input kept
 * channels-last strides ({@link #input}): 0.92-0.94x the NCHW step for the baseline and 0.92-0.98x
 * for the factorized model in {@code bench}, where it had been as slow or slower (README,
 * Benchmarks). The values are the same; only the order in memory changes, and every reader that
 * copies a tensor out ({@code Tensors.toFloats}) asks for NCHW order.
 */
public final class ChannelsLast {

    private ChannelsLast() {
    }

    /**
     * Stores every 4-D parameter of {@code module} channels-last, in place: each parameter keeps
     * its identity (the modules and an optimiser built afterwards hold it), only its storage is
     * replaced by a reordered one. Call before an optimiser is built over the parameters.
     */
    public static void apply(Module module) {
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            StringTensorDict params = module.named_parameters();
            for (long i = 0; i < params.size(); i++) {
                Tensor p = params.get(i).value();
                if (p.dim() == 4) p.__dispatch_set_data(p.contiguous(MemoryFormat.ChannelsLast));
            }
        }
    }

    /**
     * A 4-D batch in channels-last order (itself when it already is; a reordered copy otherwise).
     * A one-channel batch is already in that order, but libtorch keeps its NCHW strides, and the
     * first convolution then runs its NCHW kernel and converts; a view with channels-last strides
     * lets it run the channels-last one (measured: README, Benchmarks).
     */
    public static Tensor input(Tensor x) {
        if (x.dim() != 4) return x;
        if (x.size(1) != 1) return x.contiguous(MemoryFormat.ChannelsLast);
        Tensor c = x.contiguous();
        long h = c.size(2), w = c.size(3);
        try (LongPointer strides = new LongPointer(h * w, 1L, w, 1L)) {
            return c.as_strided(c.sizes(), new LongArrayRef(strides, 4));
        }
    }
}
