package dev.hourglass.inspect;

import dev.hourglass.convmath.ElementwiseCost;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.OpRecord;
import dev.hourglass.model.PlannedOp;
import dev.hourglass.runtime.ForwardResult;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ParamInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link Summary} of a model: runs one measured forward pass, and joins each operation
 * that ran with its parameters (from libtorch) and its MACs (convmath's formulas on the measured
 * shapes) and receptive field (from convmath). The footer's totals are the rows' sums.
 */
public final class SummaryBuilder {

    private SummaryBuilder() {
    }

    public static Summary build(ModelRunner probe, String label, Shape input, long seed) {
        Architecture.requireDivisible(probe.spec(), input);
        Architecture plan = Architecture.plan(probe.spec(), input);
        ForwardResult run = probe.forward(input, seed);
        List<PlannedOp> planned = plan.ops();
        List<OpRecord> ran = run.ops();
        ShapeCheck.requireSameOperations(planned, ran);

        List<ParamInfo> params = probe.parameters();
        long total = params.stream().mapToLong(ParamInfo::numel).sum();
        Map<String, long[]> owned = new HashMap<>(); // module path -> {all, trainable}
        for (ParamInfo p : params) {
            long[] a = owned.computeIfAbsent(p.modulePath(), k -> new long[2]);
            a[0] += p.numel();
            if (p.trainable()) a[1] += p.numel();
        }

        List<LayerRow> rows = new ArrayList<>();
        for (int i = 0; i < ran.size(); i++) {
            OpRecord r = ran.get(i);
            PlannedOp p = planned.get(i);
            long[] own = owned.getOrDefault(r.path(), new long[2]);
            long batch = r.output().dim(0);
            long macs;
            long flops;
            String ksp = "";
            if (p.conv() != null) {
                int h = Math.toIntExact(r.inputs().get(0).dim(2));
                int w = Math.toIntExact(r.inputs().get(0).dim(3));
                macs = batch * p.conv().macs(h, w);
                flops = batch * p.conv().flops(h, w);
                ksp = p.conv().kernel() + "/" + p.conv().stride() + "/" + p.conv().padding();
            } else {
                ElementwiseCost c = r.kind().cost();
                macs = c.macs(r.output().numel());
                flops = c.flops(r.output().numel());
            }
            String trainable = own[0] == 0 ? "-" : own[1] == own[0] ? "yes" : own[1] == 0 ? "no" : "partly";
            long inCh = r.inputs().stream().mapToLong(s -> s.dim(1)).sum();
            rows.add(new LayerRow(r.path(), r.kind().torchName(), r.inputs().stream().map(Shape::toString).toList(),
                    r.output().toString(), inCh, r.output().dim(1), ksp, own[0], total == 0 ? 0 : 100.0 * own[0] / total,
                    trainable, macs, flops, FieldAnalysis.centralRf(planned, i),
                    (double) input.dim(2) / r.output().dim(2), r.outputBytes()));
        }
        long trainable = params.stream().filter(ParamInfo::trainable).mapToLong(ParamInfo::numel).sum();
        long inputValues = input.numel() / input.dim(0);
        long latentValues = run.latent().numel() / run.latent().dim(0);
        double ratio = (double) inputValues / latentValues;
        return new Summary(label, probe.deviceName(), input.toString(), rows,
                rows.stream().mapToLong(LayerRow::parameters).sum(),
                trainable, total - trainable, plan.parameters(),
                rows.stream().mapToLong(LayerRow::macs).sum(), rows.stream().mapToLong(LayerRow::flops).sum(),
                params.stream().mapToLong(ParamInfo::bytes).sum(), run.activationBytes(),
                run.latent().toString(), run.skips().stream().map(Shape::toString).toList(), run.output().toString(),
                ratio, ratio * 8 / 8, ratio * 8 / 32, total, plan.macs());
    }
}
