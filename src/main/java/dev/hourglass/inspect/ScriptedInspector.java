package dev.hourglass.inspect;

import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.ElementwiseCost;
import dev.hourglass.convmath.Shape;
import dev.hourglass.runtime.ParamInfo;
import dev.hourglass.runtime.ScriptedGradients;
import dev.hourglass.runtime.ScriptedLayer;
import dev.hourglass.runtime.ScriptedModel;
import dev.hourglass.runtime.ScriptedOp;
import dev.hourglass.runtime.ScriptedRun;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the {@link ScriptedInspection} of a TorchScript model: one walked forward pass
 * ({@link ScriptedModel#run}) joined with each module's attributes, convmath's MACs on the measured
 * shapes (transposed convolutions at input resolution), receptive fields through the recorded data
 * flow, and shape checks; and the gradient flow by backward through the scripted module.
 */
public final class ScriptedInspector {

    private ScriptedInspector() {
    }

    public static ScriptedInspection inspect(ScriptedModel model, Shape input, long seed) {
        ScriptedRun run = model.run(input, seed);
        Map<String, ScriptedLayer> layers = new HashMap<>();
        for (ScriptedLayer l : model.layers()) layers.put(l.path(), l);
        List<ScriptedOp> ops = run.ops();
        java.util.function.Function<ScriptedOp, ConvLayer> convOf = op -> {
            ScriptedLayer l = layers.get(op.path());
            return l == null || !ScriptedLayers.isConv(op.type()) ? null : ScriptedLayers.conv(l);
        };
        List<ParamInfo> params = model.parameters();
        long total = params.stream().mapToLong(ParamInfo::numel).sum();
        long trainable = params.stream().filter(ParamInfo::trainable).mapToLong(ParamInfo::numel).sum();
        Set<String> counted = new HashSet<>();
        List<String> notes = new ArrayList<>(run.notes());
        Set<String> uncosted = new java.util.TreeSet<>();
        List<LayerRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<TraceRow> enc = new ArrayList<>();
        List<TraceRow> dec = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            ScriptedOp op = ops.get(i);
            long own = owned(op, layers, model, counted);
            ConvLayer c = convOf.apply(op);
            long batch = op.output() == null ? 0 : op.output().dim(0);
            long macs = 0;
            long flops = 0;
            String ksp = "";
            String predicted = "-";
            if (c != null) {
                int h = Math.toIntExact(op.inputs().get(0).dim(2));
                int w = Math.toIntExact(op.inputs().get(0).dim(3));
                macs = batch * c.macs(h, w);
                flops = batch * c.flops(h, w);
                ksp = c.kernel() + "/" + c.stride() + "/" + c.padding();
                predicted = Shape.of(batch, c.outChannels(), c.outputSize(h), c.outputSize(w)).toString();
            } else if (ScriptedLayers.cost(op.type()) != null && op.output() != null) {
                ElementwiseCost cost = ScriptedLayers.cost(op.type());
                macs = cost.macs(op.output().numel());
                flops = cost.flops(op.output().numel());
                predicted = op.type().equals("cat") ? catShape(op.inputs()).toString() : op.inputs().get(0).toString();
            } else {
                if (ScriptedLayers.isConv(op.type())) notes.add("`" + op.path() + "`: convmath's formulas take square kernels, strides and paddings; its MACs are not counted");
                else uncosted.add(op.type());
            }
            boolean match = predicted.equals("-") || op.output() != null && predicted.equals(op.output().toString());
            if (!match) problems.add(op.path() + " gave " + op.output() + " but convmath predicts " + predicted);
            long rf = ScriptedFields.centralRf(ops, convOf, i);
            String out = op.output() == null ? "-" : op.output().toString();
            long inCh = op.inputs().stream().mapToLong(s -> s.rank() > 1 ? s.dim(1) : 0).sum();
            double jump = op.output() == null || op.output().rank() != 4 ? 0 : (double) input.dim(2) / op.output().dim(2);
            rows.add(new LayerRow(op.path(), op.type(), op.inputs().stream().map(Shape::toString).toList(), out, inCh,
                    op.output() == null || op.output().rank() < 2 ? 0 : op.output().dim(1), ksp, own, total == 0 ? 0 : 100.0 * own / total,
                    own == 0 ? "-" : "yes", macs, flops, rf, jump, op.outputBytes()));
            TraceRow t = new TraceRow(op.path(), op.type(), String.join(" + ", op.inputs().stream().map(Shape::toString).toList()), out, predicted, match);
            (op.path().startsWith("encoder") ? enc : dec).add(t);
        }
        if (!uncosted.isEmpty()) notes.add("no MAC convention for " + String.join(", ", uncosted) + ": counted as 0 MACs");
        List<ScriptedInspection.ModuleCheck> checks = new ArrayList<>();
        long convmathParameters = 0;
        for (ScriptedLayer l : model.layers()) {
            if (l.container() && l.ownParameters() == 0) continue;
            Long predictedParams = ScriptedLayers.parameters(l);
            if (predictedParams != null) convmathParameters += predictedParams;
            checks.add(new ScriptedInspection.ModuleCheck(l.path(), l.type(), attributes(l), l.ownParameters(), predictedParams));
        }
        for (ScriptedInspection.ModuleCheck m : checks) {
            if (!m.agrees()) problems.add(m.path() + ": libtorch counts " + m.libtorchParameters() + " parameters, convmath " + m.convmathParameters());
        }
        Summary summary = summary(model, run, rows, params, total, trainable, convmathParameters, input);
        boolean shapeOk = run.output().equals(input);
        if (!shapeOk) problems.add("output shape " + run.output() + " differs from input shape " + input);
        if (run.walkProblem() != null) problems.add(run.walkProblem());
        String act = ops.isEmpty() ? "none" : ops.get(ops.size() - 1).type().toLowerCase(java.util.Locale.ROOT);
        boolean rangeOk = !act.equals("sigmoid") || run.outputMin() >= 0 && run.outputMax() <= 1;
        if (!rangeOk) problems.add("output range [" + run.outputMin() + ", " + run.outputMax() + "] is outside [0, 1] although the model ends in a sigmoid");
        Verification v = new Verification(input.toString(), run.output().toString(), act.equals("sigmoid") ? "sigmoid" : act,
                run.outputMin(), run.outputMax(), shapeOk, rangeOk, problems);
        Shape one = run.latent() == null ? null : run.latent();
        ShapeTrace trace = new ShapeTrace(input.toString(), enc, one == null ? "-" : one.toString(),
                run.skips().stream().map(Shape::toString).toList(), dec, enc.size() + dec.size());
        long[] buffers = model.buffers();
        ReceptiveFieldReport rf = ScriptedFieldReport.of(ops, convOf, input, notes);
        return new ScriptedInspection(summary, v, trace, rf, checks, ops, buffers[0], buffers[1], run.encoderReturns(), notes);
    }

    /** The receptive-field report with the effective field measured on a (8, C, H, W) batch of the probe's size; null without an encoder. */
    public static ReceptiveFieldReport fields(ScriptedModel model, ScriptedInspection inspection, Shape input, long seed, boolean effective) {
        if (!effective) return inspection.receptiveField();
        Shape batch = Shape.of(8, input.dim(1), input.dim(2), input.dim(3));
        return ScriptedFieldReport.withEffective(inspection.receptiveField(), ScriptedGradients.centralLatentGradient(model, batch, seed), batch.toString());
    }

    /** Gradient flow by backward through the scripted module (no finite differences: there is no smaller twin of a foreign model). */
    public static GradientFlow gradients(ScriptedModel model, Shape input, long seed, double threshold) {
        return new GradientFlow(input.toString(), threshold, GradientFlow.rows(ScriptedGradients.sumLoss(model, input, seed), threshold), null,
                "sum of the output");
    }

    private static long owned(ScriptedOp op, Map<String, ScriptedLayer> layers, ScriptedModel model, Set<String> counted) {
        if (!layers.containsKey(op.path()) || !counted.add(op.path())) return 0;
        long own = layers.get(op.path()).ownParameters();
        if (op.type().endsWith("(whole)")) {
            String prefix = op.path().isEmpty() ? "" : op.path() + ".";
            for (ScriptedLayer l : model.layers()) if (l.path().startsWith(prefix) && !l.path().equals(op.path()) && counted.add(l.path())) own += l.ownParameters();
        }
        return own;
    }

    private static Shape catShape(List<Shape> in) {
        long ch = in.stream().mapToLong(s -> s.dim(1)).sum();
        Shape a = in.get(0);
        return Shape.of(a.dim(0), ch, a.dim(2), a.dim(3));
    }

    static String attributes(ScriptedLayer l) {
        return l.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue().stream().map(ScriptedInspector::number).collect(Collectors.joining(",")))
                .collect(Collectors.joining(" "));
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static Summary summary(ScriptedModel model, ScriptedRun run, List<LayerRow> rows, List<ParamInfo> params, long total,
                                   long trainable, long convmathParameters, Shape input) {
        Shape latent = run.latent();
        double ratio = latent == null ? 0 : (double) (input.numel() / input.dim(0)) / (latent.numel() / latent.dim(0));
        return new Summary(model.label(), model.deviceName(), input.toString(), rows, rows.stream().mapToLong(LayerRow::parameters).sum(),
                trainable, total - trainable, convmathParameters, rows.stream().mapToLong(LayerRow::macs).sum(),
                rows.stream().mapToLong(LayerRow::flops).sum(), params.stream().mapToLong(ParamInfo::bytes).sum(), run.activationBytes(),
                latent == null ? "-" : latent.toString(), run.skips().stream().map(Shape::toString).toList(), run.output().toString(),
                ratio, ratio, ratio / 4, total, -1);
    }
}
