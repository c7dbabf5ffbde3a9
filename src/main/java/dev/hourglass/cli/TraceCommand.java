package dev.hourglass.cli;

import dev.hourglass.convmath.Shape;
import dev.hourglass.inspect.ShapeTrace;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Shapes module by module, measured beside convmath.",
                "One (1, C, S, S) tensor through the encoder module by module, then from the latent (and the skips) "
                        + "through the decoder; each measured output shape beside convmath's prediction."})
final class TraceCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Mixin
    FormatOptions.TextMarkdownOrJson formatOption;
    @Mixin
    InputShapeOption input;

    @Override
    public void run() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON);
        if (model.torchscript() != null) {
            TorchScriptVerbs.trace(out(), model.scripted(deviceOptions.apply()), input.resolveScripted(spec), formatOption.format);
            return;
        }
        if (input.input != null) throw Usage.error(spec, "--input applies to a --torchscript model here; trace runs one (1, C, S, S) image through a spec");
        ModelSpec s = model.resolve();
        ModelRunner probe = model.probe(s, deviceOptions.apply(), 0);
        ShapeTrace t = ShapeTrace.run(probe, Shape.of(1, s.inputChannels(), s.imageSize(), s.imageSize()), 0);
        PrintWriter out = out();
        if (formatOption.format == OutputFormat.JSON) {
            out.println(Json.write(t));
            return;
        }
        boolean md = formatOption.format == OutputFormat.MARKDOWN;
        out.println("Encoder, from input " + t.input() + ":");
        out.print(md ? t.table(t.encoder()).markdown() : t.table(t.encoder()).text());
        out.println("\nlatent " + t.latent() + (t.skips().isEmpty() ? "" : "; skips " + String.join(", ", t.skips())));
        out.println("\nDecoder, from the latent" + (t.skips().isEmpty() ? "" : " and the skips") + ":");
        out.print(md ? t.table(t.decoder()).markdown() : t.table(t.decoder()).text());
        out.println(t.allMatch() ? "\nevery measured shape equals convmath's prediction" : "\nSOME SHAPES DIFFER from convmath's prediction");
        if (!t.allMatch()) throw new CheckFailedException("trace: shapes differ from the prediction");
    }
}
