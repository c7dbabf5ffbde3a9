package dev.hourglass.cli;

import dev.hourglass.convmath.Shape;
import dev.hourglass.inspect.LayerBreakdown;
import dev.hourglass.inspect.Summary;
import dev.hourglass.inspect.SummaryBuilder;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "Every Conv2d and ConvTranspose2d ranked by parameters, with channels, kernel and share of the model.")
final class LayersCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Mixin
    FormatOptions.Table formatOption;
    @Mixin
    InputShapeOption input;

    @Override
    public void run() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON, OutputFormat.CSV);
        if (model.torchscript() != null) {
            TorchScriptVerbs.layers(out(), model.scripted(deviceOptions.apply()), input.resolveScripted(spec), formatOption.format);
            return;
        }
        if (input.input != null) throw Usage.error(spec, "--input applies to a --torchscript model here; layers of a spec do not depend on it");
        ModelSpec s = model.resolve();
        ModelRunner probe = model.probe(s, deviceOptions.apply(), 0);
        Summary summary = SummaryBuilder.build(probe, model.label(), Shape.of(1, s.inputChannels(), s.imageSize(), s.imageSize()), 0);
        LayerBreakdown b = LayerBreakdown.of(summary);
        PrintWriter out = out();
        switch (formatOption.format) {
            case JSON -> out.println(Json.write(b));
            case CSV -> out.print(b.table().csv());
            case MARKDOWN -> out.print(b.table().markdown() + "\n" + b.sentence() + "\n");
            default -> out.print(b.table().text() + "\n" + b.sentence() + "\n");
        }
    }
}
