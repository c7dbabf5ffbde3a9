package dev.hourglass.cli;

import dev.hourglass.convmath.Shape;
import dev.hourglass.inspect.GradientFlow;
import dev.hourglass.inspect.LayerBreakdown;
import dev.hourglass.inspect.ScriptedInspection;
import dev.hourglass.inspect.ScriptedInspector;
import dev.hourglass.inspect.ShapeTrace;
import dev.hourglass.inspect.SummaryRenderer;
import dev.hourglass.inspect.Verification;
import dev.hourglass.runtime.ScriptedModel;

import java.io.PrintWriter;

/**
 * The inspector verbs for a {@code --torchscript} model: the same tables and JSON as for our own
 * models (the inspect records are shared), plus the module attributes and the notes on what could
 * not be followed. Each verb's class calls in here when {@code --torchscript} is given.
 */
final class TorchScriptVerbs {

    private TorchScriptVerbs() {
    }

    static void summary(PrintWriter out, ScriptedModel m, Shape in, long seed, int depth, OutputFormat format) {
        ScriptedInspection r = ScriptedInspector.inspect(m, in, seed);
        switch (format) {
            case JSON -> out.println(Json.write(r));
            case CSV -> out.print(SummaryRenderer.table(r.summary(), depth).csv());
            case MARKDOWN -> out.print(SummaryRenderer.markdown(r.summary(), depth) + "\n" + r.moduleTable().markdown() + "\n```\n" + r.footer() + "```\n");
            default -> out.print(SummaryRenderer.text(r.summary(), depth) + r.footer() + "\n" + r.moduleTable().text());
        }
    }

    static void layers(PrintWriter out, ScriptedModel m, Shape in, OutputFormat format) {
        ScriptedInspection r = ScriptedInspector.inspect(m, in, 0);
        LayerBreakdown b = LayerBreakdown.of(r.summary());
        switch (format) {
            case JSON -> out.println(Json.write(b));
            case CSV -> out.print(b.table().csv());
            case MARKDOWN -> out.print(b.table().markdown() + "\n" + b.sentence() + "\n");
            default -> out.print(b.table().text() + "\n" + b.sentence() + "\n");
        }
    }

    static void verify(PrintWriter out, ScriptedModel m, Shape in, long seed, OutputFormat format) {
        ScriptedInspection r = ScriptedInspector.inspect(m, in, seed);
        Verification v = r.verification();
        out.println(format == OutputFormat.JSON ? Json.write(v) : VerifyCommand.text(v));
        if (!v.passed()) throw new CheckFailedException("verify: FAILED");
    }

    static void trace(PrintWriter out, ScriptedModel m, Shape in, OutputFormat format) {
        ScriptedInspection r = ScriptedInspector.inspect(m, in, 0);
        ShapeTrace t = r.trace();
        if (format == OutputFormat.JSON) {
            out.println(Json.write(t));
        } else {
            boolean md = format == OutputFormat.MARKDOWN;
            out.println("Encoder, from input " + t.input() + ":");
            out.print(md ? t.table(t.encoder()).markdown() : t.table(t.encoder()).text());
            out.println("\nlatent " + t.latent() + (t.skips().isEmpty() ? "" : "; skips " + String.join(", ", t.skips()))
                    + " (the encoder returns " + r.encoderReturns() + ")");
            out.println("\nDecoder and the rest:");
            out.print(md ? t.table(t.decoder()).markdown() : t.table(t.decoder()).text());
            for (String n : r.notes()) out.println("note: " + n);
            out.println(t.allMatch() ? "\nevery shape convmath can predict equals the measured one (\"-\": no formula)"
                    : "\nSOME SHAPES DIFFER from convmath's prediction");
        }
        if (!t.allMatch()) throw new CheckFailedException("trace: shapes differ from the prediction");
    }

    static void rf(PrintWriter out, ScriptedModel m, Shape in, long seed, boolean effective, java.nio.file.Path png, OutputFormat format) {
        ScriptedInspection r = ScriptedInspector.inspect(m, in, seed);
        dev.hourglass.inspect.ReceptiveFieldReport f = ScriptedInspector.fields(m, r, in, seed, effective);
        if (png != null) {
            var map = f == null ? null
                    : dev.hourglass.runtime.ScriptedGradients.centralLatentGradient(m, Shape.of(8, in.dim(1), in.dim(2), in.dim(3)), seed);
            if (map == null) {
                throw new dev.hourglass.backend.TorchScriptException("rf --png draws the effective field of the latent, so it needs a"
                        + " submodule named `encoder` whose first output is a 4-D latent with a known receptive field; " + m.label()
                        + " has none (rf without --png works)");
            }
            Outputs.png(png, target -> {
                try {
                    dev.hourglass.data.ImageFiles.writePng8(dev.hourglass.inspect.ReceptiveFieldRenderer.gradientImage(map), target);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
                }
            });
        }
        if (format == OutputFormat.JSON) {
            out.println(Json.write(f));
        } else {
            if (f == null) out.println("no receptive field of a latent: see the notes");
            else out.print(dev.hourglass.inspect.ReceptiveFieldRenderer.markdown(f, format == OutputFormat.MARKDOWN));
            for (String n : r.notes()) out.println("note: " + n);
            if (png != null) out.println("gradient map written to " + png);
        }
    }

    static void skips(PrintWriter out, ScriptedModel m, Shape in, java.util.List<dev.hourglass.data.GrayImage> images, String label, long seed,
                      OutputFormat format) {
        ScriptedInspection r = ScriptedInspector.inspect(m, in, seed);
        dev.hourglass.inspect.SkipReport s = dev.hourglass.inspect.ScriptedSkips.report(m, r, images, label);
        out.print(format == OutputFormat.JSON ? Json.write(s) + "\n" : dev.hourglass.inspect.SkipRenderer.text(s, format == OutputFormat.MARKDOWN));
        if (format != OutputFormat.JSON) for (String n : r.notes()) out.println("note: " + n);
    }

    /** The effective-field map for the HTML page; refuses (exit 3) what the page cannot draw without an encoder. */
    static dev.hourglass.data.GrayImage fieldImage(ScriptedModel m, dev.hourglass.inspect.InspectionReport r, Shape in, long seed) {
        var map = dev.hourglass.runtime.ScriptedGradients.centralLatentGradient(m, Shape.of(8, in.dim(1), in.dim(2), in.dim(3)), seed);
        if (map == null || r.receptiveField() == null || r.skips().psnrIntact() == null) {
            throw new dev.hourglass.backend.TorchScriptException("report --html draws the latent's receptive field and the skip bypass, so"
                    + " it needs a submodule named `encoder` whose first output is the latent and whose fields are known; " + m.label()
                    + " has none (the Markdown report works without it)");
        }
        return dev.hourglass.inspect.ReceptiveFieldRenderer.gradientImage(map);
    }

    static void gradcheck(PrintWriter out, ScriptedModel m, Shape in, long seed, double threshold, OutputFormat format) {
        GradientFlow g = ScriptedInspector.gradients(m, in, seed, threshold);
        if (format == OutputFormat.JSON) {
            out.println(Json.write(g));
        } else {
            out.print(format == OutputFormat.MARKDOWN ? g.table().markdown() : g.table().text());
            out.println();
            out.println("finite differences: not run for a TorchScript model (autograd through the scripted module only)");
            out.println("verdict: " + g.verdict());
        }
        if (!g.passed()) throw new CheckFailedException("gradcheck: " + g.verdict());
    }
}
