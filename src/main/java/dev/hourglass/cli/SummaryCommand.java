package dev.hourglass.cli;

import dev.hourglass.convmath.Shape;
import dev.hourglass.inspect.Summary;
import dev.hourglass.inspect.SummaryBuilder;
import dev.hourglass.inspect.SummaryRenderer;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Probe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Per-operation table: shapes, parameters, MACs, receptive field.",
                "One row per operation in execution order (skip concatenations and residual additions included): "
                        + "shapes, channels, kernel/stride/padding, parameters, MACs, receptive field and jump; totals in the "
                        + "footer. Shapes are measured on the real libtorch modules; MACs and receptive fields come from "
                        + "convmath."})
final class SummaryCommand implements Runnable {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;

    @Option(names = "--input", paramLabel = "NxCxHxW", description = "Input shape (default: 4×C×S×S with the spec's image size S).")
    String input;

    @Option(names = "--depth", converter = Usage.NonNegative.class, defaultValue = "0", description = "Show module paths up to this many parts (0: all; default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--format", defaultValue = "text", description = "text, markdown, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights and the random input (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Usage.formats(spec, format, OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON, OutputFormat.CSV);
        ModelSpec s = model.resolve();
        Shape in = inputShape(spec, input, s);
        Probe probe = model.probe(s, deviceOptions.apply(), seed);
        Summary summary = SummaryBuilder.build(probe, model.label(), in, seed);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> out.println(Json.write(summary));
            case CSV -> out.print(SummaryRenderer.table(summary, depth).csv());
            case MARKDOWN -> out.print(SummaryRenderer.markdown(summary, depth));
            default -> out.print(SummaryRenderer.text(summary, depth));
        }
    }

    /** The --input shape, checked against the model before any work: a bad one is a usage error (exit 2). */
    static Shape inputShape(picocli.CommandLine.Model.CommandSpec cmd, String text, ModelSpec s) {
        Shape in = Usage.check(cmd, () -> inputShape(text, s));
        Usage.check(cmd, () -> dev.hourglass.model.Architecture.plan(s, in));
        return in;
    }

    static Shape inputShape(String text, ModelSpec s) {
        if (text == null) {
            return Shape.of(4, s.inputChannels(), s.imageSize(), s.imageSize());
        }
        Shape in = Shape.parse(text);
        if (in.rank() != 4) {
            throw new IllegalArgumentException("--input must be NxCxHxW, e.g. 4x1x256x256, but was " + text);
        }
        long numel = 1;
        for (int i = 0; i < 4; i++) {
            if (in.dim(i) > Integer.MAX_VALUE) throw new IllegalArgumentException("--input " + text + ": dimension " + in.dim(i) + " is too large");
            numel = Math.multiplyExact(numel, in.dim(i));
        }
        return in;
    }
}
