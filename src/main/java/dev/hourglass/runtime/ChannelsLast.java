package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.MemoryFormat;

/**
 * The channels-last (NHWC) layout, in which libtorch's CPU convolutions skip the layout conversions
 * they make for NCHW tensors: inference runs its copy of the model in it ({@link InferenceCopy}).
 * Training stays NCHW: a factorized model trained 12 % slower channels-last (README, Benchmarks).
 * The values are the same; only the order in memory changes, and every reader that copies a
 * tensor out ({@code Tensors.toFloats}) asks for NCHW order.
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

    /** A 4-D batch in channels-last order (itself when it already is; a reordered copy otherwise). */
    public static Tensor input(Tensor x) {
        return x.dim() == 4 ? x.contiguous(MemoryFormat.ChannelsLast) : x;
    }
}
