package dev.hourglass.inspect;

import dev.hourglass.model.OpRecord;
import dev.hourglass.model.PlannedOp;

import java.util.List;

/** Compares the operations that ran with the ones convmath predicted, in order. */
final class ShapeCheck {

    private ShapeCheck() {
    }

    /** Index of the first operation whose path, kind or output shape differs from the plan; -1 if none. */
    static int firstDivergence(List<PlannedOp> planned, List<OpRecord> ran) {
        int n = Math.min(planned.size(), ran.size());
        for (int i = 0; i < n; i++) {
            PlannedOp p = planned.get(i);
            OpRecord r = ran.get(i);
            if (!p.path().equals(r.path()) || p.kind() != r.kind() || !p.output().equals(r.output())
                    || !p.inputs().equals(r.inputs())) {
                return i;
            }
        }
        return planned.size() == ran.size() ? -1 : n;
    }

    static String describeDivergence(List<PlannedOp> planned, List<OpRecord> ran, int i) {
        if (i >= ran.size()) {
            return "the forward pass stopped after " + ran.size() + " operations but convmath predicts " + planned.size()
                    + "; the first missing one is " + planned.get(i).path();
        }
        if (i >= planned.size()) {
            return "the forward pass ran an unexpected operation " + ran.get(i).path();
        }
        PlannedOp p = planned.get(i);
        OpRecord r = ran.get(i);
        return "first divergence at " + r.path() + " (" + r.kind().torchName() + "): convmath predicts "
                + p.path() + " " + p.inputs() + " → " + p.output() + " but the module gave " + r.inputs() + " → " + r.output();
    }

    /**
     * Throws unless the same operations ran, in the same order, as convmath plans (paths and kinds;
     * their shapes may differ: the verification and the trace report that, naming the module).
     */
    static void requireSameOperations(List<PlannedOp> planned, List<OpRecord> ran) {
        for (int i = 0; i < Math.max(planned.size(), ran.size()); i++) {
            if (i >= planned.size() || i >= ran.size() || !planned.get(i).path().equals(ran.get(i).path())
                    || planned.get(i).kind() != ran.get(i).kind()) {
                throw new IllegalStateException(describeDivergence(planned, ran, i));
            }
        }
    }
}
