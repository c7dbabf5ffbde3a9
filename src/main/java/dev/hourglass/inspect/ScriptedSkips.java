package dev.hourglass.inspect;

import dev.hourglass.data.GrayImage;
import dev.hourglass.metrics.Psnr;
import dev.hourglass.runtime.ScriptedAblation;
import dev.hourglass.runtime.ScriptedModel;
import dev.hourglass.runtime.ScriptedOp;
import dev.hourglass.runtime.SkipAblation;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link SkipReport} of a TorchScript model: what its {@code encoder} returns (the latent and
 * the skips, highest resolution first), each concatenation the walk saw with the share of its
 * channels that come from a skip, and the ablation ({@link ScriptedAblation}). There is no spec, so
 * the "planned" skips and concatenations are the measured ones.
 */
public final class ScriptedSkips {

    private ScriptedSkips() {
    }

    public static SkipReport report(ScriptedModel model, ScriptedInspection in, List<GrayImage> images, String imagesLabel) {
        Summary s = in.summary();
        boolean has = !s.skips().isEmpty();
        List<SkipReport.Stage> stages = new ArrayList<>();
        for (ScriptedOp op : in.ops()) {
            if (!op.type().equals("cat") || op.inputs().size() != 2) continue;
            long up = op.inputs().get(0).dim(1);
            long sk = op.inputs().get(1).dim(1);
            stages.add(new SkipReport.Stage(op.path(), op.inputs().get(0).toString(), op.inputs().get(1).toString(), up, sk, (double) sk / (up + sk)));
        }
        List<String> cats = stages.stream().map(SkipReport.Stage::path).toList();
        String accepts = has ? "the latent and " + s.skips().size() + " skips" : "the latent";
        String combination = stages.isEmpty() ? (has ? "not seen: no two-input concatenation in the walked forward" : "none")
                : "concatenation along channels at " + String.join(", ", cats);
        String meaning = "Weights from the TorchScript file (trained or not, as saved). A compressed file can only hold the latent: if PSNR"
                + " barely drops when the latent is zeroed but collapses when the skips are zeroed, the network bypasses the bottleneck.";
        GrayImage first = images.get(0);
        SkipAblation.Result m = ScriptedAblation.measure(model, GrayImage.stack(images), images.size(), first.height(), first.width());
        if (m == null || m.intact().length != images.size() * first.height() * first.width()) {
            return new SkipReport(has, in.encoderReturns(), accepts, combination, stages, Double.NaN, List.of(), Double.NaN, null, null, null,
                    imagesLabel, true, "Not measured: " + (m == null ? "the walk did not reach a submodule named `encoder`"
                    : "the reconstruction's shape differs from the images'") + ".", s.skips(), s.skips(), cats);
        }
        float[] x = GrayImage.stack(images);
        double total = m.latentGradNorm() + m.skipGradNorms().stream().mapToDouble(Double::doubleValue).sum();
        return new SkipReport(has, in.encoderReturns(), accepts, combination, stages, m.latentGradNorm(), m.skipGradNorms(),
                total == 0 ? 0 : m.latentGradNorm() / total, Psnr.of(x, m.intact(), 1), has ? Psnr.of(x, m.skipsZeroed(), 1) : null,
                Psnr.of(x, m.latentZeroed(), 1), imagesLabel, true, meaning, s.skips(), s.skips(), cats);
    }
}
