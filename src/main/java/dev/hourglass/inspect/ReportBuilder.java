package dev.hourglass.inspect;

import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.Shape;
import dev.hourglass.data.Phantoms;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.OutputActivation;
import dev.hourglass.model.SkipMode;
import dev.hourglass.runtime.ForwardResult;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ResidualBlockCheck;

import java.util.ArrayList;
import java.util.List;

/** Runs every inspection of a model once and assembles the {@link InspectionReport}. */
public final class ReportBuilder {

    private ReportBuilder() {
    }

    public static InspectionReport build(ModelRunner probe, String label, boolean trained, long seed) {
        ModelSpec spec = probe.spec();
        int s = spec.imageSize();
        Shape batch = Shape.of(4, spec.inputChannels(), s, s);
        Shape one = Shape.of(1, spec.inputChannels(), s, s);

        Summary summary = SummaryBuilder.build(probe, label, batch, seed);
        LayerBreakdown layers = LayerBreakdown.of(summary);
        Verification verification = Verification.run(probe, batch, seed);
        ShapeTrace trace = ShapeTrace.run(probe, one, seed);
        GradientFlow gradients = GradientFlow.run(probe, batch, seed, GradientFlow.DEFAULT_THRESHOLD, true);
        ReceptiveFieldReport rf = ReceptiveFieldReport.run(spec, probe, seed);
        SkipReport skips = SkipReport.run(probe, Phantoms.generate(4, s, seed + 1000), "4 phantoms " + s + "×" + s, trained, seed);

        ModelSpec family = Comparison.residualFamily(spec);
        ModelSpec withoutBlocks = family.withResidualBlocks(0);
        ModelSpec withBlocks = spec.residualBlocks() > 0 ? spec : family.withResidualBlocks(1);
        Comparison comparison = Comparison.of(spec.residualBlocks() > 0 ? label + " without blocks" : label, withoutBlocks,
                spec.residualBlocks() > 0 ? label : label + " + residual blocks", withBlocks);
        boolean countsMatch = summary.totalParameters() == (spec.residualBlocks() > 0 ? comparison.parametersB() : comparison.parametersA());
        ResidualBlockCheck.Result block = ResidualBlockCheck.run(Comparison.COURSE_BLOCK_CHANNELS, family, seed);
        ResidualFindings residual = new ResidualFindings(comparison, block, countsMatch);

        OutputRange range = outputRange(probe, batch, seed);
        Theory theory = Theory.compute();
        SkipWiring wiring = SkipWiring.check(probe, seed);

        ArchitectureFacts facts = new ArchitectureFacts(summary.totalParameters(), summary.trainableParameters(),
                "(B, " + spec.inputChannels() + ", " + s + ", " + s + ")", "(B" + summary.latent().substring(summary.latent().indexOf(',')),
                summary.compressionRatio(), spec.hasSkips(), spec.residualBlocks() > 0, spec.outputActivation().key());

        List<ChecklistItem> checklist = new ArrayList<>();
        checklist.add(theoryItem(theory));
        boolean counted = summary.totalParameters() == summary.libtorchParameters() && summary.totalParameters() == summary.convmathParameters();
        checklist.add(new ChecklistItem("Counted total and trainable parameters", counted,
                Numbers.count(summary.totalParameters()) + " total (sum of the layer rows), " + Numbers.count(summary.trainableParameters())
                        + " trainable; libtorch counts " + Numbers.count(summary.libtorchParameters()) + ", convmath predicts "
                        + Numbers.count(summary.convmathParameters())));
        checklist.add(new ChecklistItem("Generated layer-by-layer parameter breakdown", !layers.ranked().isEmpty(),
                layers.ranked().size() + " convolutions ranked; heaviest " + layers.heaviest()));
        checklist.add(new ChecklistItem("Verified input/output shapes match", verification.passed(),
                verification.input() + " → " + verification.output() + (verification.passed() ? "" : ": " + verification.problems().get(0))));
        checklist.add(new ChecklistItem("Verified gradient flow to all parameters", gradients.passed(), gradients.verdict()));
        checklist.add(new ChecklistItem("Traced shapes through encoder and decoder manually", trace.allMatch(), trace.evidence()));
        checklist.add(new ChecklistItem("Documented existing skip connection implementation (or lack thereof)",
                skips.documentationProblems().isEmpty(), skips.documentationEvidence()));
        checklist.add(new ChecklistItem("Implemented/verified EncoderWithSkips", wiring.encoderOk(), wiring.encoderEvidence()));
        checklist.add(new ChecklistItem("Implemented/verified DecoderWithSkips", wiring.decoderOk(), wiring.decoderEvidence()));
        checklist.add(new ChecklistItem("Implemented/verified ResidualBlock", block.shapeOk() && block.gradientsOk(),
                "the course's " + block.channels() + "-channel block alone: " + block.input() + " → " + block.output() + ", "
                        + Numbers.count(block.parameters()) + " parameters, " + (block.gradientsOk() ? "gradients reach the input and all "
                        + block.gradients().size() + " parameters" : "gradients do NOT reach the input and every parameter")));
        checklist.add(new ChecklistItem("Compared parameter counts with/without additions", countsMatch,
                comparison.a() + " " + Numbers.count(comparison.parametersA()) + " vs " + comparison.b() + " "
                        + Numbers.count(comparison.parametersB()) + " (+" + Numbers.fixed(comparison.increasePercent(), 1) + "%)"
                        + (countsMatch ? "; libtorch counts the same for this model" : "; libtorch counts " + Numbers.count(summary.totalParameters())
                        + " for this model")));

        return new InspectionReport(InspectionReport.SCHEMA, label, trained, probe.deviceName(), Torch.version(), Torch.threads(), facts, summary,
                layers, verification, trace, gradients, rf, skips, residual, theory, range, checklist);
    }

    /** Ticked when every theory question has its answers and libtorch agrees with every computed number. */
    static ChecklistItem theoryItem(Theory theory) {
        return new ChecklistItem("Answered all theory questions (Q2.1 - Q2.5)", theory.answered() && theory.disagreements().isEmpty(),
                theory.evidence());
    }

    private static OutputRange outputRange(ModelRunner probe, Shape input, long seed) {
        ModelSpec spec = probe.spec();
        ModelRunner withSigmoid = spec.outputActivation() == OutputActivation.SIGMOID ? probe : probe.twin(spec.withOutputActivation(OutputActivation.SIGMOID));
        ModelRunner raw = spec.outputActivation() == OutputActivation.NONE ? probe : probe.twin(spec.withOutputActivation(OutputActivation.NONE));
        ForwardResult a = withSigmoid.forward(input, seed);
        ForwardResult b = raw.forward(input, seed);
        return new OutputRange(input.toString(), a.outputMin(), a.outputMax(), b.outputMin(), b.outputMax());
    }


    /** The encoder-with-skips and decoder-with-skips of this model's family, run once on one image. */
    record SkipWiring(boolean encoderOk, String encoderEvidence, boolean decoderOk, String decoderEvidence) {

        static SkipWiring check(ModelRunner probe, long seed) {
            // skips carry encoder features past an entropy model, so the family's skip variant has none
            ModelSpec spec = probe.spec().withEntropyModel(dev.hourglass.model.EntropyModelKind.NONE).withSkips(SkipMode.CONCAT);
            ModelRunner p = probe.spec().hasSkips() ? probe : probe.sibling(spec, seed);
            Shape one = Shape.of(1, spec.inputChannels(), spec.imageSize(), spec.imageSize());
            Architecture plan = Architecture.plan(spec, one);
            ForwardResult r = p.forward(one, seed);
            boolean enc = r.skips().equals(plan.skips()) && r.latent().equals(plan.latent());
            boolean dec = r.output().equals(one) && ShapeCheck.firstDivergence(plan.ops(), r.ops()) < 0;
            List<Long> inChannels = spec.decoderConvs().stream().map(c -> (long) c.inChannels()).toList();
            return new SkipWiring(enc, "forward returns latent " + r.latent() + " and skips " + r.skips() + " (highest resolution first)",
                    dec, "forward(latent, skips) concatenates at each upsampling stage; transposed-conv input channels " + inChannels
                    + "; output " + r.output());
        }
    }
}
