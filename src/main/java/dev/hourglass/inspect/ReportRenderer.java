package dev.hourglass.inspect;

/** Renders a {@link InspectionReport} as Markdown, readable in a terminal as it is. */
public final class ReportRenderer {

    private ReportRenderer() {
    }

    public static String markdown(InspectionReport r) {
        StringBuilder b = new StringBuilder();
        heading(b, r);
        checklist(b, r);
        measurements(b, r);
        theory(b, r);
        summary(b, r);
        return b.toString();
    }

    /** Title, provenance and the architecture table. */
    private static void heading(StringBuilder b, InspectionReport r) {
        b.append("# Day 2 report: `").append(r.model()).append("`\n\n");
        b.append("Measured on ").append(r.device()).append(" with libtorch ").append(r.libtorch()).append(" (").append(r.threads())
                .append(" threads); ").append(r.trained() ? "trained weights from the checkpoint." : "untrained weights (seeded default initialisation).")
                .append(" Sections 1–7 and 9 were measured on this network, beside convmath's predictions; section 8 answers the"
                        + " course's fixed theory questions about the course's own layers, computed by convmath and checked against"
                        + " libtorch modules of those layers, whatever model is inspected.\n\n");

        b.append("## Architecture summary\n\n");
        b.append(r.architectureTable().markdown()).append('\n');
    }

    /** The checklist, each item with its evidence. */
    private static void checklist(StringBuilder b, InspectionReport r) {
        b.append("## Checklist\n\n");
        for (ChecklistItem c : r.checklist()) {
            b.append("- [").append(c.done() ? 'x' : ' ').append("] ").append(c.item()).append(" — ").append(c.evidence()).append('\n');
        }
    }

    /** Sections 1–7: everything measured on this network. */
    private static void measurements(StringBuilder b, InspectionReport r) {
        b.append("\n## 1. Parameters and layer breakdown\n\n");
        b.append(Numbers.count(r.summary().totalParameters())).append(" parameters (").append(Numbers.count(r.summary().trainableParameters()))
                .append(" trainable, ").append(Numbers.count(r.summary().nonTrainableParameters())).append(" not); convmath predicts ")
                .append(Numbers.count(r.summary().convmathParameters())).append(".\n\n");
        b.append(r.layers().table().markdown()).append('\n').append(r.layers().sentence()).append("\n\n");

        b.append("## 2. Shape verification\n\n");
        Verification v = r.verification();
        b.append("Input ").append(v.input()).append(" → output ").append(v.output()).append(v.shapeOk() ? " (equal shapes)" : " (SHAPES DIFFER)")
                .append("; output range [").append(Numbers.fixed(v.min(), 4)).append(", ").append(Numbers.fixed(v.max(), 4)).append("]")
                .append(v.outputActivation().equals("sigmoid") ? (v.rangeOk() ? ", within [0, 1] as Sigmoid requires." : ", OUTSIDE [0, 1].")
                        : " (no output activation: reported as measured).").append('\n');
        for (String p : v.problems()) b.append("- problem: ").append(p).append('\n');

        b.append("\n## 3. Shape traces\n\nEncoder, from ").append(r.trace().input()).append(":\n\n");
        b.append(r.trace().table(r.trace().encoder()).markdown());
        b.append("\nLatent ").append(r.trace().latent()).append(r.trace().skips().isEmpty() ? "" : "; skips " + String.join(", ", r.trace().skips()))
                .append(".\n\nDecoder:\n\n").append(r.trace().table(r.trace().decoder()).markdown()).append('\n');

        b.append("## 4. Gradient flow\n\nTraining mode, input with requires_grad, loss = ").append(r.gradients().loss()).append(", backward; threshold for vanishing ")
                .append(String.format(java.util.Locale.ROOT, "%.0e", r.gradients().threshold())).append(".\n\n");
        b.append(r.gradients().table().markdown()).append('\n');
        b.append(gradientNotes(r.gradients())).append("\n**Verdict:** ").append(r.gradients().verdict()).append("\n\n");

        b.append("## 5. Receptive field\n\n").append(ReceptiveFieldRenderer.markdown(r.receptiveField(), true)).append('\n');
        b.append("## 6. Skip connections\n\n").append(SkipRenderer.text(r.skips(), true)).append('\n');
        b.append("## 7. Residual blocks\n\n").append(ComparisonRenderer.text(r.residual().comparison(),
                r.residual().comparison().parametersA(), r.residual().comparison().parametersB(), r.residual().blockCheck(), true)).append('\n');
    }

    /** Section 8: the course's theory questions about its own fixed layers, computed by convmath and checked by libtorch. */
    private static void theory(StringBuilder b, InspectionReport r) {
        b.append("## 8. Theory questions (the course's fixed layers)\n\n");
        b.append("Q2.1–Q2.3 ask about the course's own layers (").append(Theory.Q21_LAYER.describe()).append(", the Q2.2 chain, the baseline"
                + " encoder), not about `").append(r.model()).append("`: their answers are computed by convmath, and each number was"
                + " checked against libtorch modules of the same layers (table at the end of this section). Q2.4 c) and Q2.5 c) are"
                + " measured on this model.\n\n### Q2.1 Parameter counting\n\n");
        for (String s : r.theory().convolutionArithmetic()) b.append("- ").append(s).append('\n');
        b.append("\n### Q2.2 Shape propagation (input ").append(Theory.CHAIN_INPUT).append(")\n\n");
        for (String s : r.theory().shapeChain()) b.append("- ").append(s).append('\n');
        b.append("\n### Q2.3 Receptive field\n\n");
        for (String s : r.theory().receptiveFieldRecursion()) b.append("- ").append(s).append('\n');
        b.append("- c) Without more layers: larger kernels, dilation, or more stride earlier; convmath's numbers:\n");
        for (ReceptiveFieldReport.Variant x : r.receptiveField().variants()) {
            b.append("  - ").append(x.change()).append(": RF ").append(x.rf()).append(" (jump ").append(x.jump()).append(")\n");
        }
        b.append("\n### Q2.4 Skip connections\n\n");
        b.append("- a) Spatial detail: exact positions of edges and fine texture, at the full resolution of each encoder stage,"
                + " which the ").append(r.summary().compressionRatio() > 1 ? Numbers.fixed(r.summary().compressionRatio(), 0) + "× smaller" : "")
                .append(" latent cannot hold.\n");
        b.append("- b) For compression they are harmful: the file stores only the latent, and a decoder that expects skips cannot run"
                + " without them; trained with skips, the network routes detail around the bottleneck, so its quality does not measure"
                + " the latent's.\n");
        b.append("- c) Measured on this model: ").append(bypass(r.skips())).append('\n');
        b.append("\n### Q2.5 Activation functions\n\n");
        for (String s : r.theory().activationGradients()) b.append("- ").append(s).append('\n');
        OutputRange o = r.outputRange();
        b.append("- c) Measured on this model, same weights, same input ").append(o.input()).append(": with Sigmoid the output lies in [")
                .append(Numbers.fixed(o.sigmoidMin(), 4)).append(", ").append(Numbers.fixed(o.sigmoidMax(), 4)).append("], without it in [")
                .append(Numbers.fixed(o.rawMin(), 4)).append(", ").append(Numbers.fixed(o.rawMax(), 4)).append("]. Targets are in [0, 1]:"
                        + " Sigmoid guarantees a valid image; without it values outside [0, 1] are possible and must be clipped, and"
                        + " the loss spends effort on them.\n");
        b.append("\nconvmath against libtorch (parameters counted on real modules; heights and widths from running the layers'"
                + " kernel, stride and padding; the receptive field from autograd through all-ones copies of the layers):\n\n");
        Table t = new Table("Question", "Quantity", "Computed", "libtorch", "Agree");
        for (Theory.Check c : r.theory().checks()) t.row(c.question(), c.quantity(), c.computed(), c.measured(), c.agrees() ? "yes" : "NO");
        b.append(t.markdown());
    }

    /** Section 9: the per-operation summary table and its footer. */
    private static void summary(StringBuilder b, InspectionReport r) {
        b.append("\n## 9. Summary table\n\n").append(SummaryRenderer.table(r.summary(), 0).markdown()).append("\n```\n")
                .append(SummaryRenderer.footer(r.summary())).append("```\n");
    }

    static String gradientNotes(GradientFlow g) {
        StringBuilder b = new StringBuilder();
        if (!g.biasesBeforeBatchNorm().isEmpty()) {
            b.append("Note: ").append(g.biasesBeforeBatchNorm().size()).append(" convolution biases feed a BatchNorm (")
                    .append(String.join(", ", g.biasesBeforeBatchNorm())).append("). In training mode BatchNorm subtracts the batch mean,"
                            + " so their exact gradient is 0; the values above are float rounding, and these biases are redundant.\n");
        }
        var fd = g.finiteDifference();
        if (fd != null) {
            b.append("\nFinite differences (double precision, h = ").append(fd.step()).append(", a small model of the same family): ")
                    .append(fd.entriesChecked()).append(" entries, ").append(fd.entriesFailed())
                    .append(" outside ").append(dev.hourglass.runtime.FiniteDifferenceCheck.criterion()).append("; max relative error ")
                    .append(String.format(java.util.Locale.ROOT, "%.2e", fd.maxRelativeError())).append(" at ").append(fd.worstParameter()).append(".\n");
        }
        return b.toString();
    }

    static String bypass(SkipReport s) {
        if (s.psnrIntact() == null) return s.meaning();
        if (!s.hasSkips()) {
            return "this model has no skips, so nothing bypasses the latent (PSNR intact " + SkipRenderer.db(s.psnrIntact())
                    + ", latent zeroed " + SkipRenderer.db(s.psnrLatentZeroed()) + "). Run `hourglass skips --arch skips` for a model with them.";
        }
        return "skips bring " + Numbers.fixed(100 * s.stages().stream().mapToDouble(SkipReport.Stage::skipShare).average().orElse(0), 0)
                + "% of the decoder's concatenated input channels and take " + Numbers.fixed(100 * (1 - s.latentGradShare()), 1)
                + "% of the gradient norm; PSNR intact " + SkipRenderer.db(s.psnrIntact()) + ", skips zeroed " + SkipRenderer.db(s.psnrSkipsZeroed())
                + ", latent zeroed " + SkipRenderer.db(s.psnrLatentZeroed()) + (s.trained() ? "." : " (untrained weights).");
    }
}
