package dev.hourglass.cli;

import dev.hourglass.data.Phantoms;
import dev.hourglass.inspect.SkipReport;
import dev.hourglass.inspect.SkipRenderer;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Probe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "skips", mixinStandardHelpOptions = true,
        description = {"Skip connections read from the model (what the encoder returns, what the decoder accepts, how they",
                "combine) and how much information bypasses the bottleneck: the share of decoder input channels from skips,",
                "the share of gradient norm into the skips versus the latent, and reconstruction PSNR with the skips or",
                "the latent zeroed. Images: the built-in phantoms."})
final class SkipsCommand implements Runnable {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--images", defaultValue = "4", description = "Number of phantom images for the ablation (default: ${DEFAULT-VALUE}).")
    int images;
    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--format", defaultValue = "text", description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (images < 1 || images > 64) throw new IllegalArgumentException("--images must be in 1..64 but was " + images);
        ModelSpec s = model.resolve();
        Probe probe = model.probe(s, deviceOptions.apply(), seed);
        SkipReport r = SkipReport.run(probe, Phantoms.generate(images, s.imageSize(), seed + 1000), images + " phantoms "
                + s.imageSize() + "×" + s.imageSize(), model.trained(), seed);
        var out = spec.commandLine().getOut();
        out.print(format == OutputFormat.JSON ? Json.write(r) + "\n" : SkipRenderer.text(r, format == OutputFormat.MARKDOWN));
    }
}
