package dev.hourglass.runtime;

import dev.hourglass.convmath.Shape;
import dev.hourglass.model.OpRecord;

import java.util.List;

/** What one measured forward pass produced: shapes, and the range of the output values. */
public record ForwardResult(Shape input, Shape latent, List<Shape> skips, Shape output,
                           double outputMin, double outputMax, double outputMean, List<OpRecord> ops) {

    public ForwardResult {
        skips = List.copyOf(skips);
        ops = List.copyOf(ops);
    }

    /** Bytes of every operation's output tensor, the activation memory of this forward pass. */
    public long activationBytes() {
        return ops.stream().mapToLong(OpRecord::outputBytes).sum();
    }
}
