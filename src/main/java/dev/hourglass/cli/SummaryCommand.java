package dev.hourglass.cli;

import dev.hourglass.convmath.Shape;
import dev.hourglass.inspect.Summary;
import dev.hourglass.inspect.SummaryBuilder;
import dev.hourglass.inspect.SummaryRenderer;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Per-operation table: shapes, parameters, MACs, receptive field.",
                "One row per operation in execution order (skip concatenations and residual additions included): "
                        + "shapes, channels, kernel/stride/padding, parameters, MACs, receptive field and jump; totals in the "
                        + "footer. Shapes are measured on the real libtorch modules; MACs and receptive fields come from "
                        + "convmath."})
final class SummaryCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;

    @Mixin
    InputShapeOption input;

    @Option(names = "--depth", converter = Usage.NonNegative.class, defaultValue = "0", description = "Show module paths up to this many parts (0: all; default ${DEFAULT-VALUE}).")
    int depth;

    @Mixin
    FormatOptions.Table formatOption;

    @Mixin
    SeedOption random;

    @Override
    public void run() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON, OutputFormat.CSV);
        if (model.torchscript() != null) {
            TorchScriptVerbs.summary(out(), model.scripted(deviceOptions.apply()), input.resolveScripted(spec), random.seed, depth, formatOption.format);
            return;
        }
        ModelSpec s = model.resolve();
        Shape in = input.resolve(spec, s);
        ModelRunner probe = model.probe(s, deviceOptions.apply(), random.seed);
        Summary summary = SummaryBuilder.build(probe, model.label(), in, random.seed);
        PrintWriter out = out();
        switch (formatOption.format) {
            case JSON -> out.println(Json.write(summary));
            case CSV -> out.print(SummaryRenderer.table(summary, depth).csv());
            case MARKDOWN -> out.print(SummaryRenderer.markdown(summary, depth));
            default -> out.print(SummaryRenderer.text(summary, depth));
        }
    }
}
