package dev.hourglass.inspect;

import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.Interval;
import dev.hourglass.convmath.ReceptiveField;
import dev.hourglass.runtime.ScriptedOp;

import java.util.List;
import java.util.function.Function;

/**
 * Receptive fields through a walked TorchScript forward: the data flow of the recorded operations
 * walked backwards with exact row intervals, the union over every path (as {@code model.DataFlow}
 * does for our own specs). Convolutions map intervals by convmath; pointwise layers, add and cat
 * pass them through. Any other operation (PixelShuffle, pooling, a module run whole) has no formula
 * here, so a field that depends on it is unknown (null), never estimated.
 */
final class ScriptedFields {

    private ScriptedFields() {
    }

    /** Input rows row {@code unit} of op {@code target}'s output depends on; null when a path crosses an operation without a formula. */
    static Interval inputRows(List<ScriptedOp> ops, Function<ScriptedOp, ConvLayer> convOf, int target, long unit) {
        Interval[] need = new Interval[ops.size()];
        need[target] = Interval.point(unit);
        Interval image = null;
        for (int k = target; k >= 0; k--) {
            if (need[k] == null) continue;
            ScriptedOp op = ops.get(k);
            Interval in;
            ConvLayer c = convOf.apply(op);
            if (c != null) {
                in = ReceptiveField.inputsOf(c, need[k]);
            } else if (ScriptedLayers.pointwise(op.type()) && samePlane(op)) {
                in = need[k];
            } else {
                return null;
            }
            for (int s : op.sources()) {
                if (s == ScriptedOp.OTHER) continue;
                if (s == ScriptedOp.IMAGE) image = image == null ? in : image.union(in);
                else need[s] = need[s] == null ? in : need[s].union(in);
            }
        }
        return image;
    }

    /**
     * Rows of op {@code source}'s output that row {@code unit} of op {@code target}'s output depends
     * on (null: none, or a path crosses an operation without a formula: see {@code known}).
     */
    static Interval rowsOf(List<ScriptedOp> ops, Function<ScriptedOp, ConvLayer> convOf, int target, long unit, int source, boolean[] known) {
        Interval[] need = new Interval[ops.size()];
        need[target] = Interval.point(unit);
        for (int k = target; k > source; k--) {
            if (need[k] == null) continue;
            ScriptedOp op = ops.get(k);
            ConvLayer c = convOf.apply(op);
            Interval in;
            if (c != null) {
                in = ReceptiveField.inputsOf(c, need[k]);
            } else if (ScriptedLayers.pointwise(op.type()) && samePlane(op)) {
                in = need[k];
            } else {
                known[0] = false;
                return null;
            }
            for (int s : op.sources()) if (s >= 0) need[s] = need[s] == null ? in : need[s].union(in);
        }
        return need[source];
    }

    /** Field size of the central unit of op {@code target}'s output, or -1 when unknown. */
    static long centralRf(List<ScriptedOp> ops, Function<ScriptedOp, ConvLayer> convOf, int target) {
        ScriptedOp op = ops.get(target);
        if (op.output() == null || op.output().rank() != 4) return -1;
        Interval i = inputRows(ops, convOf, target, op.output().dim(2) / 2);
        return i == null ? -1 : i.size();
    }

    private static boolean samePlane(ScriptedOp op) {
        for (var s : op.inputs()) {
            if (s.rank() != 4 || op.output().rank() != 4 || s.dim(2) != op.output().dim(2) || s.dim(3) != op.output().dim(3)) return false;
        }
        return true;
    }
}
