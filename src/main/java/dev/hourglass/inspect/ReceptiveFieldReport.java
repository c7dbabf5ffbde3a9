package dev.hourglass.inspect;

import dev.hourglass.convmath.ConvKind;
import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.Interval;
import dev.hourglass.convmath.ReceptiveField;
import dev.hourglass.convmath.RfStep;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.OpKind;
import dev.hourglass.model.PlannedOp;
import dev.hourglass.runtime.EffectiveFieldMeasurement;
import dev.hourglass.runtime.ModelRunner;

import java.util.ArrayList;
import java.util.List;

/**
 * Receptive fields of a model: the encoder recursion, whether latent pixels see their patch, the
 * decoder's projective field, fields along each skip path, the effective field measured by
 * gradients, and convmath's numbers for ways to enlarge the field without adding layers.
 */
public record ReceptiveFieldReport(List<Row> encoder, int patch, boolean coversPatch, String latentUnitSees,
                                   long projectiveField, List<PathField> paths, Effective effective, List<Variant> variants) {

    /** One encoder convolution: the field after it. */
    public record Row(String path, String layer, int rf, int jump, double start, String arithmetic) {
    }

    /** Field of the output's central pixel when only one route through the network is followed. */
    public record PathField(String route, long rf) {
    }

    /** Effective field: sides of the centred squares that hold 50% and 95% of the gradient mass. */
    public record Effective(int theoretical, int side50, int side95, String input) {
    }

    /** A way to grow the field, computed by convmath. */
    public record Variant(String change, String encoder, int rf, int jump) {
    }

    public ReceptiveFieldReport {
        encoder = List.copyOf(encoder);
        paths = List.copyOf(paths);
        variants = List.copyOf(variants);
    }

    /** Theory only; {@code probe} may be null to skip the gradient measurement. */
    public static ReceptiveFieldReport run(ModelSpec spec, ModelRunner probe, long seed) {
        Shape input = Shape.of(1, spec.inputChannels(), spec.imageSize(), spec.imageSize());
        Architecture plan = Architecture.plan(spec, input);
        List<PlannedOp> ops = plan.ops();
        List<PlannedOp> encConvs = ops.subList(0, plan.latentOp() + 1).stream().filter(o -> o.conv() != null).toList();
        List<RfStep> steps = ReceptiveField.recursion(encConvs.stream().map(PlannedOp::conv).toList());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            RfStep s = steps.get(i);
            rows.add(new Row(encConvs.get(i).path(), encConvs.get(i).conv().describe(), s.size(), s.jump(), s.start(),
                    s.sizeWorked().toString()));
        }
        RfStep last = steps.get(steps.size() - 1);
        boolean covers = last.coversOwnPatch(0) && last.coversOwnPatch(1);
        Interval pf = Interval.point(plan.latent().dim(2) / 2);
        for (PlannedOp o : ops.subList(plan.latentOp() + 1, ops.size())) {
            if (o.conv() != null) pf = ReceptiveField.outputsOf(o.conv(), pf);
        }
        Effective eff = null;
        if (probe != null) {
            Shape batch = Shape.of(8, spec.inputChannels(), spec.imageSize(), spec.imageSize());
            EffectiveFieldMeasurement.GradientMap map = EffectiveFieldMeasurement.centralLatentGradient(probe, batch, seed);
            double centre = last.start() + (double) map.latentRow() * last.jump();
            eff = new Effective(last.size(), massSide(map, centre, 0.5), massSide(map, centre, 0.95), batch.toString());
        }
        return new ReceptiveFieldReport(rows, last.jump(), covers, last.unitInterval(0).toString(), pf.size(),
                paths(plan), eff, variants(spec));
    }

    /** Side of the smallest centred square holding {@code fraction} of the total gradient mass. */
    static int massSide(EffectiveFieldMeasurement.GradientMap m, double centre, double fraction) {
        double total = 0;
        for (double v : m.values()) total += v;
        if (total == 0) return 0;
        for (int half = 1; half <= Math.max(m.height(), m.width()); half++) {
            long lo = (long) Math.ceil(centre - half + 0.5);
            long hi = lo + 2L * half - 1;
            double sum = 0;
            for (long y = Math.max(0, lo); y <= Math.min(m.height() - 1, hi); y++) {
                for (long x = Math.max(0, lo); x <= Math.min(m.width() - 1, hi); x++) {
                    sum += m.values()[(int) (y * m.width() + x)];
                }
            }
            if (sum >= fraction * total) return 2 * half;
        }
        return Math.max(m.height(), m.width());
    }

    private static List<PathField> paths(Architecture plan) {
        List<PlannedOp> ops = plan.ops();
        int out = ops.size() - 1;
        long centre = ops.get(out).output().dim(2) / 2;
        List<PathField> paths = new ArrayList<>();
        paths.add(new PathField("all paths", FieldAnalysis.inputRows(ops, out, centre).size()));
        List<Integer> cats = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) if (ops.get(i).kind() == OpKind.CONCAT) cats.add(i);
        if (cats.isEmpty()) return paths;
        Interval latentOnly = FieldAnalysis.inputRows(ops, out, centre, (op, in) -> ops.get(op).kind() != OpKind.CONCAT || in == 0);
        paths.add(new PathField("through the latent only", latentOnly == null ? 0 : latentOnly.size()));
        for (int cat : cats) {
            PlannedOp c = ops.get(cat);
            Interval via = FieldAnalysis.inputRows(ops, out, centre,
                    (op, in) -> ops.get(op).kind() != OpKind.CONCAT || (op == cat ? in == 1 : in == 0));
            paths.add(new PathField("through the skip " + c.inputs().get(1) + " into " + c.path(), via == null ? 0 : via.size()));
        }
        return paths;
    }

    private static List<Variant> variants(ModelSpec spec) {
        List<Variant> v = new ArrayList<>();
        List<ConvLayer> base = spec.encoderConvs();
        v.add(variant("larger kernels: k" + (spec.kernel() + 2) + " s" + spec.stride() + " p" + (spec.padding() + 1) + " in every stage",
                base.stream().map(c -> ConvLayer.conv(c.inChannels(), c.outChannels(), c.kernel() + 2, c.stride(), c.padding() + 1)).toList()));
        List<ConvLayer> dilated = new ArrayList<>(base);
        ConvLayer l = base.get(base.size() - 1);
        int d = 2;
        int pad = (d * (l.kernel() - 1) + 1 - l.stride() + 1) / 2; // keeps the output size of the last stage
        dilated.set(base.size() - 1, new ConvLayer(ConvKind.CONV, l.inChannels(), l.outChannels(), l.kernel(), l.stride(), pad, d, 1, true, 0));
        v.add(variant("dilation 2 in the last stage (padding " + pad + ")", dilated));
        if (base.size() >= 2) {
            List<ConvLayer> strided = new ArrayList<>(base.subList(0, base.size() - 2));
            ConvLayer a = base.get(base.size() - 2);
            ConvLayer b = base.get(base.size() - 1);
            strided.add(ConvLayer.conv(a.inChannels(), a.outChannels(), a.kernel() * 2, a.stride() * 2, a.padding() * 2));
            strided.add(ConvLayer.conv(b.inChannels(), b.outChannels(), 3, 1, 1));
            v.add(variant("more stride earlier: stage " + (base.size() - 1) + " k" + a.kernel() * 2 + " s" + a.stride() * 2
                    + ", last stage k3 s1 (same latent size)", strided));
        }
        return v;
    }

    private static Variant variant(String change, List<ConvLayer> layers) {
        RfStep s = ReceptiveField.recursion(layers).get(layers.size() - 1);
        return new Variant(change, String.join(" → ", layers.stream().map(ConvLayer::describe).toList()), s.size(), s.jump());
    }
}
