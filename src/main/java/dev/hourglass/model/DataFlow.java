package dev.hourglass.model;

import dev.hourglass.convmath.Interval;
import dev.hourglass.convmath.ReceptiveField;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * Which input rows an output row of a planned operation depends on: the data-flow graph of
 * {@link Architecture#ops()} walked backwards with exact index intervals, taking the union over
 * every path (a concatenation or addition depends on all its inputs at the same position). Rows and
 * columns behave the same for square kernels, so one axis is enough.
 */
public final class DataFlow {

    private DataFlow() {
    }

    /**
     * Input rows (unclipped) that row {@code unit} of operation {@code target}'s output depends on,
     * following only the edges {@code follow(opIndex, inputIndex)} accepts; null when no followed
     * path reaches the image.
     */
    public static Interval inputRows(List<PlannedOp> ops, int target, long unit, BiPredicate<Integer, Integer> follow) {
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
}
