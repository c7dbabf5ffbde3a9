package dev.hourglass.runtime;

import dev.hourglass.convmath.Shape;

import java.util.List;

/**
 * One forward pass of a TorchScript model, measured: the operations in execution order, what the
 * model's own {@code forward} returned (shape and range), and what the {@code encoder} submodule
 * returned (its latent, and its skips highest resolution first) when the model has one.
 *
 * @param latent   null when no submodule is named {@code encoder}
 * @param notes    what could not be followed and why (one sentence each); empty when every layer was seen
 * @param walkedOutput the output the walk of the operations produced (must equal {@code output})
 */
public record ScriptedRun(Shape input, List<ScriptedOp> ops, Shape output, double outputMin, double outputMax, Shape latent,
                          List<Shape> skips, String encoderReturns, List<String> notes, Shape walkedOutput) {

    public ScriptedRun {
        ops = List.copyOf(ops);
        skips = List.copyOf(skips);
        notes = List.copyOf(notes);
    }

    public long activationBytes() {
        return ops.stream().mapToLong(ScriptedOp::outputBytes).sum();
    }
}
