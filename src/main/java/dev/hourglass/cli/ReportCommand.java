package dev.hourglass.cli;

import dev.hourglass.inspect.InspectionReport;
import dev.hourglass.inspect.ReportBuilder;
import dev.hourglass.inspect.ReceptiveFieldRenderer;
import dev.hourglass.inspect.ReportRenderer;
import dev.hourglass.inspect.html.HtmlReport;
import dev.hourglass.inspect.html.PageInputs;
import dev.hourglass.inspect.html.RateDistortion;
import dev.hourglass.inspect.html.TrainingRun;
import dev.hourglass.data.GrayImage;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"The complete Day 2 report of a model: measured, checked, and the course's theory questions.",
                "The complete Day 2 report of a model in one document: parameters, layer breakdown, shape "
                        + "verification and traces, gradient flow, receptive fields, skip bypass, residual blocks (measured on the "
                        + "model), the course's theory questions about its own fixed layers (computed by convmath, checked against "
                        + "libtorch), the checklist (ticked only when its check ran and passed), and the summary table.",
                "With --html FILE, also one self-contained page (HTML, pictures inline, no network): the architecture "
                        + "diagram, parameters and MACs by layer, the receptive field over an image, gradient health, skip bypass; "
                        + "with --run a training run's curves and reconstructions, with --eval the rate–distortion curves.",
                "Exit code 1 when a checklist item is not ticked."})
final class ReportCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Mixin
    FormatOptions.MarkdownOrJson formatOption;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (atomically) instead of standard output.")
    Path output;
    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one self-contained HTML page with pictures"
            + " (then the Markdown or JSON is printed only with -o).")
    Path html;
    @Option(names = "--run", paramLabel = "DIR", description = "With --html: add a training run folder's curves (metrics.jsonl) and"
            + " reconstructions.png.")
    Path run;
    @Option(names = "--eval", paramLabel = "DIR", description = "With --html: add the rate–distortion curves and BD-rates of an eval"
            + " folder (points.json).")
    Path eval;
    @Option(names = "--image", paramLabel = "FILE", description = "With --html: draw the receptive field over the centre of this image"
            + " (default: a phantom).")
    Path image;
    @Mixin
    SeedOption random;
    @Mixin
    InputShapeOption input;

    @Override
    public void run() {
        Usage.formats(spec, formatOption.format, OutputFormat.MARKDOWN, OutputFormat.JSON);
        if (html == null && (run != null || eval != null || image != null)) {
            throw Usage.error(spec, "--run, --eval and --image add to the HTML page: give --html FILE too");
        }
        if (output != null) Outputs.check(output);
        if (html != null) Outputs.check(html);
        if (model.torchscript() == null && input.input != null) {
            throw Usage.error(spec, "--input applies to a --torchscript model here; a spec's report uses its image size");
        }
        TrainingRun runData = run == null ? null : HtmlSources.run(run);
        RateDistortion rd = eval == null ? null : HtmlSources.eval(eval);
        InspectionReport r;
        String markdown;
        int size;
        java.util.function.Supplier<GrayImage> field;
        if (model.torchscript() != null) {
            dev.hourglass.runtime.ScriptedModel m = model.scripted(deviceOptions.apply());
            dev.hourglass.convmath.Shape in = input.resolveScripted(spec);
            dev.hourglass.inspect.ScriptedReport.Built b = dev.hourglass.inspect.ScriptedReport.build(m, in, random.seed);
            r = b.report();
            markdown = dev.hourglass.inspect.ScriptedReport.markdown(b);
            size = (int) in.dim(2);
            field = () -> TorchScriptVerbs.fieldImage(m, r, in, random.seed);
        } else {
            ModelSpec s = model.resolve();
            ModelRunner probe = model.probe(s, deviceOptions.apply(), random.seed);
            r = ReportBuilder.build(probe, model.label(), model.trained(), random.seed);
            markdown = ReportRenderer.markdown(r);
            size = s.imageSize();
            field = () -> ReceptiveFieldRenderer.gradientImage(probe, s, random.seed);
        }
        String text = formatOption.format == OutputFormat.JSON ? Json.write(r) + "\n" : markdown;
        if (html != null) {
            GrayImage background = HtmlSources.background(image, size, random.seed);
            write(HtmlReport.render(new PageInputs(r, markdown, field.get(), background, HtmlSources.backgroundLabel(image, size), runData, rd)), html);
        }
        if (output != null) {
            write(text, output);
            out().println("report written to " + output);
        } else if (html == null) {
            out().print(text);
        }
        if (html != null) out().println("HTML report written to " + html);
        long open = r.checklist().stream().filter(c -> !c.done()).count();
        if (open > 0) throw new CheckFailedException("report: " + open + " checklist item(s) not ticked");
    }

    static void write(String text, Path file) {
        Outputs.writeString(file, text);
    }
}
