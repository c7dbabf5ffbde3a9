package dev.hourglass.cli;

import dev.hourglass.inspect.Day2Report;
import dev.hourglass.inspect.ReportBuilder;
import dev.hourglass.inspect.ReportRenderer;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Probe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"The complete Day 2 report of a model, measured.",
                "The complete Day 2 report of a model in one document: parameters, layer breakdown, shape "
                        + "verification and traces, gradient flow, receptive fields, skip bypass, residual blocks, the theory "
                        + "questions answered with computed and measured numbers, the checklist (ticked only when its check "
                        + "passed), and the summary table.",
                "Exit code 1 when a checklist item is not ticked."})
final class ReportCommand implements Runnable {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--format", defaultValue = "markdown", description = "markdown or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (atomically) instead of standard output.")
    Path output;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of weights and inputs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Usage.formats(spec, format, OutputFormat.MARKDOWN, OutputFormat.JSON);
        if (output != null) Outputs.check(output);
        ModelSpec s = model.resolve();
        Probe probe = model.probe(s, deviceOptions.apply(), seed);
        Day2Report r = ReportBuilder.build(probe, model.label(), model.trained(), seed);
        String text = format == OutputFormat.JSON ? Json.write(r) + "\n" : ReportRenderer.markdown(r);
        if (output == null) {
            spec.commandLine().getOut().print(text);
        } else {
            write(text, output);
            spec.commandLine().getOut().println("report written to " + output);
        }
        long open = r.checklist().stream().filter(c -> !c.done()).count();
        if (open > 0) throw new CheckFailedException("report: " + open + " checklist item(s) not ticked");
    }

    static void write(String text, Path file) {
        Outputs.writeString(file, text);
    }
}
