package dev.hourglass.train;

import dev.hourglass.runtime.ParamGradient;

import java.util.List;

/**
 * Training stopped because the loss or the gradients became NaN or infinite. The optimiser did
 * not take that step; the last checkpoint on disk is the last good one.
 */
public class TrainingStopped extends RuntimeException {

    private final long step;
    private final transient List<ParamGradient> gradients;

    public TrainingStopped(String message, long step, List<ParamGradient> gradients) {
        super(message);
        this.step = step;
        this.gradients = List.copyOf(gradients);
    }

    public long step() {
        return step;
    }

    /** The gradient of every parameter at the failing step (empty when the loss itself was not finite). */
    public List<ParamGradient> gradients() {
        return gradients;
    }
}
