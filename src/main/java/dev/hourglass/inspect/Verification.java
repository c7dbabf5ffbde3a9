package dev.hourglass.inspect;

import dev.hourglass.backend.BackendException;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.OpRecord;
import dev.hourglass.model.OutputActivation;
import dev.hourglass.model.PlannedOp;
import dev.hourglass.runtime.ForwardResult;
import dev.hourglass.runtime.ModelRunner;

import java.util.ArrayList;
import java.util.List;

/**
 * Shape verification (course exercise 2.3): a random input through the real model; the output
 * must have the input's shape, every operation must give the shape convmath predicts, and the
 * output must lie in the output activation's range.
 *
 * @param problems one sentence per failed check, naming the module where it happens
 */
public record Verification(String input, String output, String outputActivation, double min, double max,
                           boolean shapeOk, boolean rangeOk, List<String> problems) {

    public Verification {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    public static Verification run(ModelRunner probe, Shape input, long seed) {
        List<String> problems = new ArrayList<>();
        List<OpRecord> ran = new ArrayList<>();
        ForwardResult result = null;
        try {
            result = probe.forward(input, seed, ran);
        } catch (BackendException e) {
            problems.add("the forward pass failed after " + (ran.isEmpty() ? "no operation" : ran.get(ran.size() - 1).path())
                    + ": " + e.getMessage());
        }
        List<PlannedOp> planned = null;
        try {
            planned = Architecture.plan(probe.spec(), input).ops();
        } catch (IllegalArgumentException e) {
            problems.add("convmath: " + e.getMessage());
        }
        if (planned != null && result != null) {
            int d = ShapeCheck.firstDivergence(planned, ran);
            if (d >= 0) problems.add(ShapeCheck.describeDivergence(planned, ran, d));
        }
        boolean shapeOk = result != null && result.output().equals(input);
        if (result != null && !shapeOk) {
            problems.add("output shape " + result.output() + " differs from input shape " + input + lostRows(ran, input));
        }
        OutputActivation act = probe.spec().outputActivation();
        boolean rangeOk = true;
        double min = Double.NaN;
        double max = Double.NaN;
        if (result != null) {
            min = result.outputMin();
            max = result.outputMax();
            if (act == OutputActivation.SIGMOID && !(min >= 0 && max <= 1)) {
                rangeOk = false;
                problems.add("output range [" + min + ", " + max + "] is outside [0, 1] although the output activation is sigmoid");
            }
        }
        return new Verification(input.toString(), result == null ? "-" : result.output().toString(), act.key(), min, max,
                shapeOk, rangeOk, problems);
    }

    /** Names the first encoder convolution whose output size times its stride no longer equals its input size. */
    private static String lostRows(List<OpRecord> ran, Shape input) {
        for (OpRecord r : ran) {
            if (!r.path().startsWith("encoder") || !r.kind().isConv()) continue;
            Shape in = r.inputs().get(0);
            long ratio = Math.round((double) in.dim(2) / r.output().dim(2));
            if (ratio > 1 && (r.output().dim(2) * ratio != in.dim(2) || r.output().dim(3) * ratio != in.dim(3))) {
                return "; the first module where the size stops mirroring is " + r.path() + ", which turns " + in.dim(2) + "×"
                        + in.dim(3) + " into " + r.output().dim(2) + "×" + r.output().dim(3)
                        + " (rounding down); use a size divisible by the downsampling factor";
            }
        }
        return "";
    }
}
