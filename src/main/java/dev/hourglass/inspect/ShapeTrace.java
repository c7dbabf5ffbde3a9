package dev.hourglass.inspect;

import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.OpRecord;
import dev.hourglass.model.PlannedOp;
import dev.hourglass.runtime.ForwardResult;
import dev.hourglass.runtime.ModelRunner;

import java.util.ArrayList;
import java.util.List;

/**
 * Shape trace (course exercise 2.5): one tensor through the encoder module by module, then from
 * the latent (and the skips) through the decoder; each measured shape beside convmath's.
 */
public record ShapeTrace(String input, List<TraceRow> encoder, String latent, List<String> skips, List<TraceRow> decoder,
                         int plannedOperations) {

    public ShapeTrace {
        encoder = List.copyOf(encoder);
        skips = List.copyOf(skips);
        decoder = List.copyOf(decoder);
    }

    /** Every operation convmath plans ran, and each gave the shape convmath predicts. */
    public boolean allMatch() {
        return mismatches().isEmpty() && encoder.size() + decoder.size() == plannedOperations;
    }

    private List<TraceRow> mismatches() {
        List<TraceRow> out = new ArrayList<>(encoder.stream().filter(r -> !r.match()).toList());
        out.addAll(decoder.stream().filter(r -> !r.match()).toList());
        return out;
    }

    /** What the trace found, in one sentence (the checklist's evidence). */
    public String evidence() {
        int traced = encoder.size() + decoder.size();
        List<TraceRow> bad = mismatches();
        String count = traced + " modules traced" + (traced == plannedOperations ? "" : " of the " + plannedOperations + " convmath plans");
        if (bad.isEmpty()) {
            return count + (traced == plannedOperations ? "; every measured shape equals convmath's prediction" : "");
        }
        TraceRow first = bad.get(0);
        return count + "; " + bad.size() + " differ from convmath's prediction, the first at " + first.path() + ": measured "
                + first.measured() + ", convmath " + first.predicted();
    }

    public static ShapeTrace run(ModelRunner probe, Shape input, long seed) {
        Architecture.requireDivisible(probe.spec(), input);
        List<PlannedOp> planned = Architecture.plan(probe.spec(), input).ops();
        ForwardResult r = probe.forward(input, seed);
        List<TraceRow> enc = new ArrayList<>();
        List<TraceRow> dec = new ArrayList<>();
        for (int i = 0; i < r.ops().size(); i++) {
            OpRecord op = r.ops().get(i);
            PlannedOp p = i < planned.size() ? planned.get(i) : null;
            String predicted = p == null ? "-" : p.output().toString();
            TraceRow row = new TraceRow(op.path(), op.kind().torchName(),
                    String.join(" + ", op.inputs().stream().map(Shape::toString).toList()), op.output().toString(), predicted,
                    p != null && p.path().equals(op.path()) && p.output().equals(op.output()));
            (op.path().startsWith("encoder") ? enc : dec).add(row);
        }
        return new ShapeTrace(input.toString(), enc, r.latent().toString(), r.skips().stream().map(Shape::toString).toList(), dec,
                planned.size());
    }

    public Table table(List<TraceRow> rows) {
        Table t = new Table("Module", "Type", "Input", "Output (measured)", "convmath", "Match");
        for (TraceRow r : rows) t.row(r.path(), r.type(), r.input(), r.measured(), r.predicted(), r.match() ? "yes" : "NO");
        return t;
    }
}
