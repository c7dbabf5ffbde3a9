package dev.hourglass.cli;

import dev.hourglass.inspect.ReceptiveFieldReport;
import dev.hourglass.inspect.ReceptiveFieldRenderer;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Probe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

@Command(name = "rf", mixinStandardHelpOptions = true,
        description = {"Receptive, projective and effective fields of a model.",
                "Receptive fields of a model: per encoder layer (RF, jump, start), whether a latent pixel sees its "
                        + "patch, the decoder's projective field, the field along each skip path, the effective field measured "
                        + "by gradients (Luo et al., 2016), and convmath's numbers for enlarging the field without adding "
                        + "layers."})
final class RfCommand implements Runnable {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--no-effective", description = "Skip the gradient measurement (theory only, no libtorch).")
    boolean noEffective;
    @Option(names = "--png", paramLabel = "FILE", description = "Write the effective-field gradient map as a PNG.")
    Path png;
    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--format", defaultValue = "text", description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() throws RuntimeException {
        Usage.formats(spec, format, OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON);
        if (png != null) {
            Outputs.requirePng(spec, png);
            Outputs.check(png);
        }
        ModelSpec s = model.resolve();
        Probe probe = noEffective ? null : model.probe(s, deviceOptions.apply(), seed);
        ReceptiveFieldReport r = ReceptiveFieldReport.run(s, probe, seed);
        if (png != null && probe != null) {
            Outputs.png(png, target -> ReceptiveFieldRenderer.writeGradientPng(probe, s, seed, target));
        }
        var out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            out.println(Json.write(r));
        } else {
            out.print(ReceptiveFieldRenderer.markdown(r, format == OutputFormat.MARKDOWN));
            if (png != null && probe != null) out.println("gradient map written to " + png);
        }
    }
}
