package dev.hourglass.cli;

import dev.hourglass.inspect.ReceptiveFieldRenderer;
import dev.hourglass.inspect.ReceptiveFieldReport;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "rf", mixinStandardHelpOptions = true,
        description = {"Receptive, projective and effective fields of a model.",
                "Receptive fields of a model: per encoder layer (RF, jump, start), whether a latent pixel sees its "
                        + "patch, the decoder's projective field, the field along each skip path, the effective field measured "
                        + "by gradients (Luo et al., 2016), and convmath's numbers for enlarging the field without adding "
                        + "layers."})
final class RfCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--no-effective", description = "Skip the gradient measurement (theory only, no libtorch).")
    boolean noEffective;
    @Option(names = "--png", paramLabel = "FILE", description = "Write the effective-field gradient map as a PNG.")
    Path png;
    @Mixin
    SeedOption random;
    @Mixin
    FormatOptions.TextMarkdownOrJson formatOption;
    @Mixin
    InputShapeOption input;

    @Override
    public void run() throws RuntimeException {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON);
        if (png != null) {
            Outputs.requirePng(spec, png);
            Outputs.check(png);
        }
        if (model.torchscript() != null) {
            TorchScriptVerbs.rf(out(), model.scripted(deviceOptions.apply()), input.resolveScripted(spec), random.seed, !noEffective, png,
                    formatOption.format);
            return;
        }
        if (input.input != null) throw Usage.error(spec, "--input applies to a --torchscript model here; a spec's fields use its image size");
        ModelSpec s = model.resolve();
        ModelRunner probe = noEffective ? null : model.probe(s, deviceOptions.apply(), random.seed);
        ReceptiveFieldReport r = ReceptiveFieldReport.run(s, probe, random.seed);
        if (png != null && probe != null) {
            Outputs.png(png, target -> ReceptiveFieldRenderer.writeGradientPng(probe, s, random.seed, target));
        }
        var out = out();
        if (formatOption.format == OutputFormat.JSON) {
            out.println(Json.write(r));
        } else {
            out.print(ReceptiveFieldRenderer.markdown(r, formatOption.format == OutputFormat.MARKDOWN));
            if (png != null && probe != null) out.println("gradient map written to " + png);
        }
    }
}
