package dev.hourglass.inspect;

import dev.hourglass.convmath.Interval;
import dev.hourglass.convmath.ReceptiveField;
import dev.hourglass.model.PlannedOp;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * Receptive fields through any part of the network, decoders and skips included: the interval of
 * input rows that one output row of an operation depends on, found by walking the data-flow graph
 * backwards and taking the union over every path (a concatenation or addition depends on all its
 * inputs at the same position). Rows and columns behave the same for square kernels, so one axis
 * is enough.
 */
final class FieldAnalysis {

    private FieldAnalysis() {
    }

    /** Input rows that row {@code unit} of operation {@code target}'s output depends on, through every path. */
    static Interval inputRows(List<PlannedOp> ops, int target, long unit) {
        return inputRows(ops, target, unit, (op, input) -> true);
    }

    /**
     * The same, but following only the edges {@code follow(opIndex, inputIndex)} accepts; returns
     * null when no followed path reaches the image.
     */
    static Interval inputRows(List<PlannedOp> ops, int target, long unit, BiPredicate<Integer, Integer> follow) {
        Interval[] need = new Interval[ops.size()];
        need[target] = Interval.point(unit);
        Interval image = null;
        for (int k = target; k >= 0; k--) {
            if (need[k] == null) continue;
            PlannedOp op = ops.get(k);
            Interval in = op.conv() == null ? need[k] : ReceptiveField.inputsOf(op.conv(), need[k]);
            for (int i = 0; i < op.sources().size(); i++) {
                if (!follow.test(k, i)) continue;
                int s = op.sources().get(i);
                if (s == PlannedOp.IMAGE) {
                    image = image == null ? in : image.union(in);
                } else {
                    need[s] = need[s] == null ? in : need[s].union(in);
                }
            }
        }
        return image;
    }

    /** Receptive field size in input rows of the central unit of an operation's output. */
    static long centralRf(List<PlannedOp> ops, int target) {
        long rows = ops.get(target).output().dim(2);
        return inputRows(ops, target, rows / 2).size();
    }
}
