package dev.hourglass.inspect;

import dev.hourglass.convmath.Interval;
import dev.hourglass.model.DataFlow;
import dev.hourglass.model.PlannedOp;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * Receptive fields through any part of the network, decoders and skips included: the interval of
 * input rows that one output row of an operation depends on ({@link DataFlow}, the data-flow graph
 * walked backwards, the union over every path).
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
        return DataFlow.inputRows(ops, target, unit, follow);
    }

    /** Receptive field size in input rows of the central unit of an operation's output. */
    static long centralRf(List<PlannedOp> ops, int target) {
        long rows = ops.get(target).output().dim(2);
        return inputRows(ops, target, rows / 2).size();
    }
}
