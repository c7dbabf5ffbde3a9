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
 * @param walkedOutput the shape of the output the walk of the operations produced (must equal {@code output});
 *                     null when the walk did not end in one tensor
 * @param walkedDifference max |walked output − the model's own output| (must be at most {@link #tolerance()}); NaN when not
 *                     comparable (shapes differ, or no walked tensor)
 */
public record ScriptedRun(Shape input, List<ScriptedOp> ops, Shape output, double outputMin, double outputMax, Shape latent,
                          List<Shape> skips, String encoderReturns, List<String> notes, Shape walkedOutput, double walkedDifference) {

    public ScriptedRun {
        ops = List.copyOf(ops);
        skips = List.copyOf(skips);
        notes = List.copyOf(notes);
    }

    /**
     * How far the walked output may be from the forward's: 1e-5, relative to the output's magnitude
     * when that exceeds 1. Both run the same kernels on the same values, so they normally agree
     * exactly; a wrong order or argument in the walk moves values far more.
     */
    public double tolerance() {
        return 1e-5 * Math.max(1, Math.max(Math.abs(outputMin), Math.abs(outputMax)));
    }

    /**
     * Why the listed operations cannot stand for what the model's forward computes (different
     * shape, or values beyond {@link #tolerance()}: they feed the receptive fields and the skip
     * ablation), or null when they can or when the walk did not end in one tensor.
     */
    public String walkProblem() {
        if (walkedOutput == null) return null;
        if (!walkedOutput.equals(output)) return "walking the modules one by one gave " + walkedOutput + " but the model's forward gives " + output;
        if (walkedDifference <= tolerance()) return null;
        return "walking the modules one by one gave values up to " + walkedDifference + " away from the model's forward (more than "
                + tolerance() + "), so the operations listed are not the ones the model runs";
    }

    public long activationBytes() {
        return ops.stream().mapToLong(ScriptedOp::outputBytes).sum();
    }
}
