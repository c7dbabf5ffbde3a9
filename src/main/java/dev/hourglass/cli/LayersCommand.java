package dev.hourglass.cli;

import dev.hourglass.inspect.LayerBreakdown;
import dev.hourglass.inspect.Summary;
import dev.hourglass.inspect.SummaryBuilder;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Probe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "Every Conv2d and ConvTranspose2d ranked by parameters, with channels, kernel and share of the model.")
final class LayersCommand implements Runnable {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--format", defaultValue = "text", description = "text, markdown, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Usage.formats(spec, format, OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON, OutputFormat.CSV);
        ModelSpec s = model.resolve();
        Probe probe = model.probe(s, deviceOptions.apply(), 0);
        Summary summary = SummaryBuilder.build(probe, model.label(), SummaryCommand.inputShape(null, s).withDim(0, 1), 0);
        LayerBreakdown b = LayerBreakdown.of(summary);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> out.println(Json.write(b));
            case CSV -> out.print(b.table().csv());
            case MARKDOWN -> out.print(b.table().markdown() + "\n" + b.sentence() + "\n");
            default -> out.print(b.table().text() + "\n" + b.sentence() + "\n");
        }
    }
}
