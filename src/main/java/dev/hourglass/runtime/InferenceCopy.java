package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.model.Autoencoder;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;

/**
 * The copy of a model that eval-mode inference runs: BatchNorm folded into the convolutions
 * ({@link BatchNormFolding}) when the model has it, a plain copy of every parameter and buffer
 * otherwise; in both, every 4-D weight is stored channels-last ({@link ChannelsLast}), as are the
 * inputs the runner gives it, so libtorch's CPU convolutions skip their layout conversions. Measured
 * (bench/ChannelsLast.java, README): 0.64× the NCHW time for one codec tile (896², factorized and
 * baseline) and 0.77× at batch 8 of 256², with the same outputs within 6e-8. Results read back
 * through {@code Tensors.toFloats} come out NCHW as before ({@code contiguous()}).
 *
 * <p>A copy is owned by whoever made it (the {@link ModelRunner}), made outside any memory scope
 * (the {@link Autoencoder} constructor checks), and freed with {@link #release}.
 */
final class InferenceCopy {

    private InferenceCopy() {
    }

    /** A new inference copy of {@code model} on {@code device}, in eval mode; owned by the caller. */
    static Autoencoder of(Autoencoder model, Device device) {
        if (BatchNormFolding.applies(model)) return channelsLast(BatchNormFolding.fold(model, device));
        Autoencoder copy = new Autoencoder(model.spec());
        try {
            copy.to(device, false);
            copy.eval();
            copyByName(model, copy);
        } catch (RuntimeException e) {
            release(copy); // not handed to anyone yet: ours to free
            throw e;
        }
        return channelsLast(copy);
    }

    /** {@code copy} with its weights channels-last; released if that fails (it is not handed to anyone yet). */
    private static Autoencoder channelsLast(Autoencoder copy) {
        try {
            ChannelsLast.apply(copy);
        } catch (RuntimeException e) {
            release(copy);
            throw e;
        }
        return copy;
    }

    /** Frees a copy now (see {@link BatchNormFolding#release}); it must not be used afterwards. */
    static void release(Autoencoder copy) {
        BatchNormFolding.release(copy);
    }

    private static void copyByName(Autoencoder from, Autoencoder to) {
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            ModelRunner.copyAll(from.named_parameters(), to.named_parameters());
            ModelRunner.copyAll(from.named_buffers(), to.named_buffers());
        }
    }
}
