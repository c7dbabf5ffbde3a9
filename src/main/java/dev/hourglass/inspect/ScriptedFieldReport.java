package dev.hourglass.inspect;

import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.Interval;
import dev.hourglass.convmath.Shape;
import dev.hourglass.runtime.EffectiveFieldMeasurement;
import dev.hourglass.runtime.ScriptedOp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link ReceptiveFieldReport} of a TorchScript model, from its walked forward: the field
 * after each encoder convolution in execution order (through every path, so residual branches and
 * concatenations count), the latent's patch, the decoder's projective field and the field of the
 * output's central pixel. Null where a field crosses an operation without a formula (then the notes
 * of the inspection say which); no variants (they rewrite a spec, and there is none).
 */
final class ScriptedFieldReport {

    private ScriptedFieldReport() {
    }

    /** Null when the model has no encoder convolution whose field is known. */
    static ReceptiveFieldReport of(List<ScriptedOp> ops, Function<ScriptedOp, ConvLayer> convOf, Shape input, List<String> notes) {
        int latent = -1;
        for (int i = 0; i < ops.size(); i++) if (ops.get(i).path().startsWith("encoder")) latent = i;
        if (latent < 0) {
            notes.add("receptive fields: no submodule named `encoder`, so where the latent is cannot be known; fields are per row only");
            return null;
        }
        List<ReceptiveFieldReport.Row> rows = new ArrayList<>();
        for (int i = 0; i <= latent; i++) {
            ScriptedOp op = ops.get(i);
            ConvLayer c = convOf.apply(op);
            if (c == null || !op.path().startsWith("encoder")) continue;
            Interval first = ScriptedFields.inputRows(ops, convOf, i, 0);
            long rf = ScriptedFields.centralRf(ops, convOf, i);
            if (first == null || rf < 0) {
                notes.add("receptive fields: the field of `" + op.path() + "` crosses an operation without a formula; the encoder rows stop before it");
                break;
            }
            int jump = (int) (input.dim(2) / op.output().dim(2));
            rows.add(new ReceptiveFieldReport.Row(op.path(), c.describe(), (int) rf, jump, (first.lo() + first.hi()) / 2.0,
                    "unit 0 sees input rows " + first.lo() + ".." + first.hi() + " (through every path)"));
        }
        if (rows.isEmpty()) return null;
        ReceptiveFieldReport.Row last = rows.get(rows.size() - 1);
        ScriptedOp lat = ops.get(latent);
        long centre = lat.output().dim(2) / 2;
        Interval seen = ScriptedFields.inputRows(ops, convOf, latent, centre);
        boolean covers = seen != null && seen.lo() <= centre * last.jump() && seen.hi() >= centre * last.jump() + last.jump() - 1;
        Interval unit0 = ScriptedFields.inputRows(ops, convOf, latent, 0);
        int out = ops.size() - 1;
        boolean[] known = {true};
        long projective = 0;
        long outRows = ops.get(out).output().dim(2);
        for (long r = 0; r < outRows && known[0]; r++) {
            Interval need = ScriptedFields.rowsOf(ops, convOf, out, r, latent, known);
            if (need != null && need.lo() <= centre && need.hi() >= centre) projective++;
        }
        List<ReceptiveFieldReport.PathField> paths = new ArrayList<>();
        long all = ScriptedFields.centralRf(ops, convOf, out);
        if (all >= 0) paths.add(new ReceptiveFieldReport.PathField("all paths", all));
        if (!known[0]) notes.add("receptive fields: the decoder crosses an operation without a formula; its projective field is not known (-1)");
        return new ReceptiveFieldReport(rows, last.jump(), covers, unit0 == null ? "-" : unit0.toString(), known[0] ? projective : -1,
                paths, null, List.of());
    }

    /** The same report with the effective field measured from a gradient map (null: unchanged). */
    static ReceptiveFieldReport withEffective(ReceptiveFieldReport r, EffectiveFieldMeasurement.GradientMap map, String input) {
        if (r == null || map == null) return r;
        ReceptiveFieldReport.Row last = r.encoder().get(r.encoder().size() - 1);
        double centre = last.start() + (double) map.latentRow() * last.jump();
        ReceptiveFieldReport.Effective e = new ReceptiveFieldReport.Effective(last.rf(), ReceptiveFieldReport.massSide(map, centre, 0.5),
                ReceptiveFieldReport.massSide(map, centre, 0.95), input);
        return new ReceptiveFieldReport(r.encoder(), r.patch(), r.coversPatch(), r.latentUnitSees(), r.projectiveField(), r.paths(), e, r.variants());
    }
}
