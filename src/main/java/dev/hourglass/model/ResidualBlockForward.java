package dev.hourglass.model;

import org.bytedeco.pytorch.Tensor;

/** Runs a residual block on its own, outside an encoder, for checks of the block alone. */
public final class ResidualBlockForward {

    private ResidualBlockForward() {
    }

    /** The block's output for {@code x} [B, C, H, W], same shape; nothing observed. */
    public static Tensor forward(ResidualBlock block, Tensor x) {
        return block.forward(x, "block", ForwardObserver.NONE);
    }
}
