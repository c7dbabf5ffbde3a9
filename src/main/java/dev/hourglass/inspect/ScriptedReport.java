package dev.hourglass.inspect;

import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.Shape;
import dev.hourglass.data.Phantoms;
import dev.hourglass.runtime.ScriptedModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The Day 2 report of a TorchScript model: every inspection that applies to a model without a
 * spec, in the {@link InspectionReport} our own models use (so the HTML page draws it unchanged),
 * and its Markdown. What needs a spec is left out and said so: the residual-block comparison (it
 * rebuilds the model with and without blocks), the output range with the other output activation,
 * and finite differences (they run a smaller twin). The course's theory questions are about the
 * course's fixed layers and are answered as for any model.
 */
public final class ScriptedReport {

    private ScriptedReport() {
    }

    /** The report and the inspection it was built from (for the notes). */
    public record Built(InspectionReport report, ScriptedInspection inspection) {
    }

    public static Built build(ScriptedModel model, Shape input, long seed) {
        ScriptedInspection in = ScriptedInspector.inspect(model, input, seed);
        Summary summary = in.summary();
        LayerBreakdown layers = LayerBreakdown.of(summary);
        GradientFlow gradients = ScriptedInspector.gradients(model, input, seed, GradientFlow.DEFAULT_THRESHOLD);
        ReceptiveFieldReport rf = ScriptedInspector.fields(model, in, input, seed, true);
        int side = (int) input.dim(2);
        SkipReport skips = ScriptedSkips.report(model, in, Phantoms.generate(4, side, seed + 1000), "4 phantoms " + side + "×" + side);
        Theory theory = Theory.compute();
        boolean residual = in.ops().stream().anyMatch(o -> o.type().equals("add"));
        String latent = summary.latent().equals("-") ? "-" : "(B" + summary.latent().substring(summary.latent().indexOf(','));
        ArchitectureFacts facts = new ArchitectureFacts(summary.totalParameters(), summary.trainableParameters(),
                "(B, " + input.dim(1) + ", " + input.dim(2) + ", " + input.dim(3) + ")", latent, summary.compressionRatio(),
                !summary.skips().isEmpty(), residual, in.verification().outputActivation());
        List<ChecklistItem> checklist = new ArrayList<>();
        checklist.add(ReportBuilder.theoryItem(theory));
        boolean counted = summary.totalParameters() == summary.libtorchParameters() && in.disagreements().isEmpty();
        checklist.add(new ChecklistItem("Counted total and trainable parameters", counted, Numbers.count(summary.totalParameters())
                + " total (sum of the layer rows), " + Numbers.count(summary.trainableParameters()) + " trainable; libtorch counts "
                + Numbers.count(summary.libtorchParameters()) + "; convmath recounted every module it has a formula for from its attributes"
                + (in.disagreements().isEmpty() ? " and agrees" : " and DISAGREES at " + in.disagreements().get(0).path())));
        checklist.add(new ChecklistItem("Generated layer-by-layer parameter breakdown", !layers.ranked().isEmpty(),
                layers.ranked().size() + " convolutions ranked; heaviest " + layers.heaviest()));
        Verification v = in.verification();
        checklist.add(new ChecklistItem("Verified input/output shapes match", v.passed(),
                v.input() + " → " + v.output() + (v.passed() ? "" : ": " + v.problems().get(0))));
        checklist.add(new ChecklistItem("Verified gradient flow to all parameters", gradients.passed(), gradients.verdict()));
        checklist.add(new ChecklistItem("Traced shapes through encoder and decoder manually", in.trace().allMatch(), in.trace().evidence()));
        checklist.add(new ChecklistItem("Documented existing skip connection implementation (or lack thereof)", skips.psnrIntact() != null,
                "encoder returns " + skips.encoderReturns() + "; combination: " + skips.combination()));
        if (!summary.skips().isEmpty()) {
            checklist.add(new ChecklistItem("Implemented/verified EncoderWithSkips", summary.skips().size() == skips.stages().size(),
                    "the encoder returns latent " + summary.latent() + " and skips " + summary.skips() + " (highest resolution first); "
                            + skips.stages().size() + " concatenations in the decoder"));
        }
        InspectionReport r = new InspectionReport(InspectionReport.SCHEMA, model.label(), true, model.deviceName(), Torch.version(),
                Torch.threads(), facts, summary, layers, v, in.trace(), gradients, rf, skips, null, theory, null, checklist);
        return new Built(r, in);
    }

    public static String markdown(Built b) {
        InspectionReport r = b.report();
        ScriptedInspection in = b.inspection();
        StringBuilder s = new StringBuilder();
        s.append("# Day 2 report: `").append(r.model()).append("` (TorchScript)\n\n");
        s.append("libtorch ").append(r.libtorch()).append(", ").append(r.device()).append(", ").append(r.threads()).append(" threads. ")
                .append("Measured on the loaded module; no spec, so the residual-block comparison, the output range with another output"
                        + " activation and finite differences are not part of this report.\n\n");
        s.append("## Checklist\n\n");
        for (ChecklistItem c : r.checklist()) s.append("- [").append(c.done() ? "x" : " ").append("] ").append(c.item()).append(": ").append(c.evidence()).append('\n');
        s.append("\n## 1. Parameters and modules\n\n").append(SummaryRenderer.markdown(r.summary(), 0)).append('\n')
                .append(in.moduleTable().markdown()).append("\n```\n").append(in.footer()).append("```\n");
        s.append("\n## 2. Layer breakdown\n\n").append(r.layers().table().markdown()).append('\n').append(r.layers().sentence()).append("\n");
        Verification v = r.verification();
        s.append("\n## 3. Shapes\n\nInput ").append(v.input()).append(" → output ").append(v.output()).append(", range [")
                .append(v.min()).append(", ").append(v.max()).append("]").append(v.passed() ? "; every check passed.\n\n" : ": " + v.problems() + "\n\n");
        s.append("Encoder trace:\n\n").append(r.trace().table(r.trace().encoder()).markdown()).append("\nLatent ").append(r.trace().latent())
                .append(r.trace().skips().isEmpty() ? "" : "; skips " + String.join(", ", r.trace().skips())).append(".\n\nDecoder trace:\n\n")
                .append(r.trace().table(r.trace().decoder()).markdown());
        s.append("\n## 4. Gradient flow\n\n").append(r.gradients().table().markdown()).append("\n**Verdict:** ").append(r.gradients().verdict()).append("\n");
        s.append("\n## 5. Receptive field\n\n").append(r.receptiveField() == null ? "Not known: see the notes.\n"
                : ReceptiveFieldRenderer.markdown(r.receptiveField(), true)).append('\n');
        s.append("\n## 6. Skip connections\n\n").append(SkipRenderer.text(r.skips(), true)).append('\n');
        return s.toString();
    }
}
