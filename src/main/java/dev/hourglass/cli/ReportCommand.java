package dev.hourglass.cli;

import dev.hourglass.backend.AtomicFiles;
import dev.hourglass.inspect.InspectionReport;
import dev.hourglass.inspect.ReportBuilder;
import dev.hourglass.inspect.ReportRenderer;
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
    @Mixin
    SeedOption random;

    @Override
    public void run() {
        Usage.formats(spec, formatOption.format, OutputFormat.MARKDOWN, OutputFormat.JSON);
        if (output != null) Outputs.check(output);
        ModelSpec s = model.resolve();
        ModelRunner probe = model.probe(s, deviceOptions.apply(), random.seed);
        InspectionReport r = ReportBuilder.build(probe, model.label(), model.trained(), random.seed);
        String text = formatOption.format == OutputFormat.JSON ? Json.write(r) + "\n" : ReportRenderer.markdown(r);
        if (output == null) {
            out().print(text);
        } else {
            write(text, output);
            out().println("report written to " + output);
        }
        long open = r.checklist().stream().filter(c -> !c.done()).count();
        if (open > 0) throw new CheckFailedException("report: " + open + " checklist item(s) not ticked");
    }

    static void write(String text, Path file) {
        Outputs.writeString(file, text);
    }
}
