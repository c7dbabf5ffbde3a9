package dev.hourglass.inspect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.hourglass.convmath.Shape;
import dev.hourglass.data.GrayImage;
import dev.hourglass.metrics.Psnr;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.OpKind;
import dev.hourglass.model.OpRecord;
import dev.hourglass.model.PlannedOp;
import dev.hourglass.runtime.ForwardResult;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.SkipAblation;

import java.util.ArrayList;
import java.util.List;

/**
 * Skip connections of a model, read from one measured forward pass, and how much the decoder
 * depends on them rather than on the latent:
 * (a) the share of each decoder stage's input channels that come from skips;
 * (b) the share of the reconstruction loss's gradient norm that flows into each skip versus the latent;
 * (c) reconstruction PSNR intact, with all skips zeroed, and with the latent zeroed.
 */
public record SkipReport(boolean hasSkips, String encoderReturns, String decoderAccepts, String combination,
                         List<Stage> stages, double latentGradNorm, List<Double> skipGradNorms, double latentGradShare,
                         Double psnrIntact, Double psnrSkipsZeroed, Double psnrLatentZeroed, String images, boolean trained,
                         String meaning, List<String> skipShapes, List<String> plannedSkips, List<String> plannedConcatenations) {

    /** One concatenation: channels arriving from the decoder path and from the skip. */
    public record Stage(String path, String upsampled, String skip, long upsampledChannels, long skipChannels, double skipShare) {
    }

    public SkipReport {
        stages = List.copyOf(stages);
        skipGradNorms = List.copyOf(skipGradNorms);
        skipShapes = List.copyOf(skipShapes);
        plannedSkips = List.copyOf(plannedSkips);
        plannedConcatenations = List.copyOf(plannedConcatenations);
    }

    /**
     * The check behind the documentation above: the skips the encoder returned and the
     * concatenations the decoder ran are the ones convmath plans from the spec (none, for a model
     * without skips), and every input of the decoder (the latent, each skip) reaches the
     * reconstruction: the loss's gradient with respect to it is not zero. Empty when all hold.
     */
    @JsonIgnore
    public List<String> documentationProblems() {
        List<String> p = new ArrayList<>();
        if (!skipShapes.equals(plannedSkips)) p.add("the encoder returns skips " + skipShapes + " but the spec plans " + plannedSkips);
        List<String> cats = stages.stream().map(Stage::path).toList();
        if (!cats.equals(plannedConcatenations)) {
            p.add("the decoder concatenates at " + cats + " but the spec plans " + plannedConcatenations);
        }
        if (psnrIntact == null) {
            p.add("the reconstruction's shape differs from the input's, so no decoder input could be followed into it");
            return p;
        }
        if (!(latentGradNorm > 0)) p.add("the reconstruction does not depend on the latent (gradient norm " + latentGradNorm + ")");
        for (int i = 0; i < skipGradNorms.size(); i++) {
            if (!(skipGradNorms.get(i) > 0)) {
                p.add("skip " + i + " " + skipShapes.get(i) + " does not reach the reconstruction (gradient norm " + skipGradNorms.get(i) + ")");
            }
        }
        return p;
    }

    /** What was documented and what was found (the checklist's evidence). */
    @JsonIgnore
    public String documentationEvidence() {
        String found = "encoder returns " + encoderReturns + "; combination: " + combination;
        List<String> problems = documentationProblems();
        if (!problems.isEmpty()) return found + "; " + String.join("; ", problems);
        return found + "; as the spec plans" + (hasSkips ? ", and the latent and every skip reach the reconstruction (gradient norms "
                + GradientFlow.sci(latentGradNorm) + " and " + String.join(", ", skipGradNorms.stream().map(GradientFlow::sci).toList()) + ")"
                : ", and the latent reaches the reconstruction (gradient norm " + GradientFlow.sci(latentGradNorm) + ")");
    }

    /** @param images equally sized images for the ablation; {@code trained} says whether the weights were learned */
    public static SkipReport run(ModelRunner probe, List<GrayImage> images, String imagesLabel, boolean trained, long seed) {
        int s = probe.spec().imageSize();
        ForwardResult fr = probe.forward(Shape.of(1, probe.spec().inputChannels(), s, s), seed);
        String returns = fr.skips().isEmpty()
                ? "the latent " + fr.latent() + " only"
                : "the latent " + fr.latent() + " and " + fr.skips().size() + " skip tensors " + String.join(", ",
                fr.skips().stream().map(Shape::toString).toList()) + " (highest resolution first)";
        List<Stage> stages = new ArrayList<>();
        for (OpRecord r : fr.ops()) {
            if (r.kind() != OpKind.CONCAT) continue;
            long up = r.inputs().get(0).dim(1);
            long sk = r.inputs().get(1).dim(1);
            stages.add(new Stage(r.path(), r.inputs().get(0).toString(), r.inputs().get(1).toString(), up, sk, (double) sk / (up + sk)));
        }
        boolean has = !fr.skips().isEmpty();
        String accepts = has ? "forward(latent, skips): the latent and the list of " + probe.model().decoder().expectedSkips() + " skips"
                : "forward(latent, []): the latent alone";
        String combination = stages.isEmpty() ? "none" : "concatenation along channels (cat, dim=1) before "
                + String.join(", ", stages.stream().map(x -> x.path().replace(".cat", ".conv")).toList());

        Architecture plan = Architecture.plan(probe.spec(), fr.input());
        List<String> skipShapes = fr.skips().stream().map(Shape::toString).toList();
        List<String> plannedSkips = plan.skips().stream().map(Shape::toString).toList();
        List<String> plannedCats = plan.ops().stream().filter(o -> o.kind() == OpKind.CONCAT).map(PlannedOp::path).toList();
        long imageValues = (long) s * s * probe.spec().inputChannels();
        long skipValues = fr.skips().stream().mapToLong(Shape::numel).sum();
        String meaning = has ? meaning(trained, (double) skipValues / imageValues) : "Without skips the latent is the decoder's only input: everything the"
                + " reconstruction contains passed through the bottleneck, so the latent's size is the model's real rate.";
        if (!fr.output().equals(fr.input())) {
            // a reconstruction of another shape cannot be compared with its input: nothing to ablate
            return new SkipReport(has, returns, accepts, combination, stages, Double.NaN, List.of(), Double.NaN, null, null, null,
                    imagesLabel, trained, "Not measured: the model's output " + fr.output() + " does not have its input's shape " + fr.input()
                    + ".", skipShapes, plannedSkips, plannedCats);
        }
        GrayImage first = images.get(0);
        SkipAblation.Result m = SkipAblation.measure(probe, GrayImage.stack(images), images.size(), first.height(), first.width());
        float[] x = GrayImage.stack(images);
        double total = m.latentGradNorm() + m.skipGradNorms().stream().mapToDouble(Double::doubleValue).sum();
        return new SkipReport(has, returns, accepts, combination, stages, m.latentGradNorm(), m.skipGradNorms(),
                total == 0 ? 0 : m.latentGradNorm() / total, Psnr.of(x, m.intact(), 1),
                has ? Psnr.of(x, m.skipsZeroed(), 1) : null, Psnr.of(x, m.latentZeroed(), 1), imagesLabel, trained, meaning,
                skipShapes, plannedSkips, plannedCats);
    }

    private static String meaning(boolean trained, double skipToImage) {
        return (trained ? "" : "These figures describe an UNTRAINED model (random weights): they show how the wiring lets"
                + " information through, not what a trained model does with it. ")
                + "A compressed file can only hold the latent: the skips are full-resolution encoder features (here "
                + Numbers.fixed(skipToImage, 1) + "× as many values as the image itself), which a decoder on another machine does not have. If reconstruction PSNR barely drops when the"
                + " latent is zeroed but collapses when the skips are zeroed, the network bypasses the bottleneck and its quality"
                + " numbers say nothing about compression. For a codec, use a model without skips, or count the skips as part of"
                + " the bitstream.";
    }
}
