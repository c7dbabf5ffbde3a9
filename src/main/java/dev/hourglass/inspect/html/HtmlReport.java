package dev.hourglass.inspect.html;

import dev.hourglass.convmath.ReceptiveField;
import dev.hourglass.convmath.Shape;
import dev.hourglass.inspect.ArchitectureFacts;
import dev.hourglass.inspect.ChecklistItem;
import dev.hourglass.inspect.InspectionReport;
import dev.hourglass.inspect.Numbers;
import dev.hourglass.inspect.ReceptiveFieldReport;
import dev.hourglass.inspect.SkipReport;
import dev.hourglass.inspect.SummaryRenderer;
import dev.hourglass.inspect.Table;

import java.util.List;

/**
 * The Day 2 report as one self-contained HTML page: every picture with a caption that states its
 * numbers and alt text, the tables as HTML, and the Markdown report folded at the end.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String render(PageInputs in) {
        InspectionReport r = in.report();
        Page p = new Page("Day 2 report: " + r.model());
        p.intro(intro(r));
        architecture(p, r);
        checklist(p, r);
        parameters(p, r);
        field(p, in);
        gradients(p, r);
        skips(p, r.skips());
        if (in.run() != null) RunSections.training(p, in.run());
        if (in.rd() != null) RunSections.rateDistortion(p, in.rd());
        p.section("tables", "Shapes and the summary table");
        p.paragraph("Input " + r.verification().input() + " → output " + r.verification().output() + (r.verification().shapeOk()
                ? " (equal shapes)" : " (SHAPES DIFFER)") + "; output range [" + Numbers.fixed(r.verification().min(), 4) + ", "
                + Numbers.fixed(r.verification().max(), 4) + "].");
        p.table("Encoder trace from " + r.trace().input(), r.trace().table(r.trace().encoder()), true);
        p.table("Decoder trace", r.trace().table(r.trace().decoder()), true);
        p.table("Summary table, one row per operation", SummaryRenderer.table(r.summary(), 0), true);
        p.html("<pre>" + Page.esc(SummaryRenderer.footer(r.summary())) + "</pre>");
        p.endSection();
        p.section("markdown", "The Markdown report");
        p.html("<details><summary>Every section of the Markdown report, for copy and paste</summary>\n<pre class=\"md\">"
                + Page.esc(in.markdown()) + "</pre></details>");
        p.endSection();
        return p.html();
    }

    private static String intro(InspectionReport r) {
        ArchitectureFacts a = r.architecture();
        long open = r.checklist().stream().filter(c -> !c.done()).count();
        ReceptiveFieldReport.Row last = r.receptiveField().encoder().get(r.receptiveField().encoder().size() - 1);
        return "<p>Measured on " + Page.esc(r.device()) + " with libtorch " + Page.esc(r.libtorch()) + " (" + r.threads() + " threads); "
                + (r.model().endsWith(".pt") && r.residual() == null ? "the weights saved in the TorchScript file."
                : r.trained() ? "trained weights from the checkpoint." : "untrained weights (seeded default initialisation).")
                + " Every number was measured on the real network or computed by convmath.</p>\n<div class=\"facts\">"
                + fact("parameters", Numbers.count(a.totalParameters())) + fact("input", a.inputShape()) + fact("latent", a.latentShape())
                + fact("compression (values)", Numbers.fixed(a.compressionRatio(), 2) + ":1")
                + fact("receptive field", last.rf() + "×" + last.rf() + ", jump " + last.jump())
                + fact("checklist", open == 0 ? "all " + r.checklist().size() + " ticked" : open + " not ticked") + "</div>";
    }

    private static String fact(String name, String value) {
        return "<div>" + Page.esc(name) + "<b>" + Page.esc(value) + "</b></div>";
    }

    private static void architecture(Page p, InspectionReport r) {
        p.section("architecture", "Architecture");
        List<DiagramStage> stages = DiagramStages.of(r.summary().rows());
        p.svgFigure("fig-architecture", ArchitectureDiagram.svg(stages), DiagramWords.alt(r.model(), stages), DiagramWords.caption(stages));
        p.table("Architecture summary", r.architectureTable(), false);
        p.endSection();
    }

    private static void checklist(Page p, InspectionReport r) {
        p.section("checklist", "Checklist");
        StringBuilder b = new StringBuilder("<ul>\n");
        for (ChecklistItem c : r.checklist()) {
            b.append("<li><span class=\"").append(c.done() ? "ok\">✔ ticked" : "no\">✘ NOT ticked").append("</span> ")
                    .append(Page.esc(c.item())).append(" — ").append(Page.esc(c.evidence())).append("</li>\n");
        }
        p.html(b.append("</ul>").toString());
        p.endSection();
    }

    private static void parameters(Page p, InspectionReport r) {
        p.section("parameters", "Parameters and compute by layer");
        p.svgFigure("fig-parameters", LayerCharts.parametersSvg(r.summary()),
                "Bar chart of parameters per layer for " + r.model() + ", heaviest layer in red", LayerCharts.parametersCaption(r.summary()));
        p.svgFigure("fig-macs", LayerCharts.macsSvg(r.summary()),
                "Bar chart of multiply-accumulates per layer for " + r.model() + ", heaviest layer in red", LayerCharts.macsCaption(r.summary()));
        p.table("Convolutions ranked by parameters", r.layers().table(), false);
        p.endSection();
    }

    private static void field(Page p, PageInputs in) {
        InspectionReport r = in.report();
        ReceptiveFieldReport rf = r.receptiveField();
        ReceptiveFieldReport.Row last = rf.encoder().get(rf.encoder().size() - 1);
        long latentSide = DiagramStages.shape(r.summary().latent()).dim(2);
        double centre = last.start() + (double) (latentSide / 2) * last.jump();
        ReceptiveFieldReport.Effective e = rf.effective();
        FieldPicture pic = new FieldPicture(in.background(), in.fieldMap(), centre, last.rf(), rf.patch(), e == null ? 0 : e.side50(),
                e == null ? 0 : e.side95());
        p.section("receptive-field", "Receptive field");
        String at = "latent unit (" + latentSide / 2 + ", " + latentSide / 2 + ") of the " + latentSide + "×" + latentSide + " latent, centred on input pixel "
                + Numbers.jump(centre);
        p.pngFigure("fig-field", pic.png(), pic.width(),
                "Heat map of the effective receptive field of the central latent unit over " + in.backgroundLabel()
                        + ", with squares for its theoretical field of " + last.rf() + " pixels" + (e == null ? "" : " and the 50% and 95% gradient mass ("
                        + e.side50() + " and " + e.side95() + " pixels)"),
                "Receptive field of the central " + at + ", drawn over " + in.backgroundLabel() + " (left; right: the "
                        + pic.zoomSide() + "×" + pic.zoomSide() + " pixels around the unit, enlarged). Theoretical field (yellow): "
                        + last.rf() + "×" + last.rf() + " pixels around the unit's own " + rf.patch() + "×" + rf.patch() + " patch (white, dotted)"
                        + (e == null ? "." : "; effective field (heat: |∂ unit / ∂ input|, mean over a random batch " + e.input()
                        + (r.trained() ? "" : ", untrained weights") + "): 50% of the gradient mass lies in the central " + e.side50() + "×"
                        + e.side50() + " pixels and 95% in " + e.side95() + "×" + e.side95() + " (cyan)."));
        Table t = new Table("Layer", "Convolution", ">RF", ">Jump", ">Start");
        for (ReceptiveFieldReport.Row row : rf.encoder()) t.row(row.path(), row.layer(), row.rf(), row.jump(), ReceptiveField.formatStart(row.start()));
        p.table("Encoder receptive field, layer by layer", t, false);
        Table paths = new Table("Route to the central output pixel", ">Field (pixels)");
        for (ReceptiveFieldReport.PathField f : rf.paths()) paths.row(f.route(), f.rf() + "×" + f.rf());
        p.table("Field of the central output pixel by route", paths, false);
        p.endSection();
    }

    private static void gradients(Page p, InspectionReport r) {
        p.section("gradients", "Gradient health");
        p.svgFigure("fig-gradients", GradientChart.svg(r.gradients()),
                "Bar chart of gradient norms per parameter on a log scale with the vanishing threshold; " + r.gradients().problems()
                        + " failing parameters", GradientChart.caption(r.gradients()));
        p.paragraph("Verdict: " + r.gradients().verdict() + ".");
        p.table("Gradient of every parameter", r.gradients().table(), true);
        p.endSection();
    }

    private static void skips(Page p, SkipReport s) {
        p.section("skips", "Skip bypass");
        p.svgFigure("fig-bypass", BypassChart.svg(s), "Bar chart of reconstruction PSNR intact" + (s.hasSkips() ? ", with skips zeroed" : "")
                + " and with the latent zeroed", BypassChart.caption(s));
        if (s.hasSkips()) {
            Table t = new Table("Concatenation", "From the decoder", "From the skip", ">Skip share of channels");
            for (SkipReport.Stage st : s.stages()) t.row(st.path(), st.upsampled(), st.skip(), Numbers.fixed(100 * st.skipShare(), 0) + "%");
            p.table("Skip connections", t, false);
        }
        p.endSection();
    }
}
