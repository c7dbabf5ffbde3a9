package dev.hourglass.cli;

import dev.hourglass.codec.Codec;
import dev.hourglass.codec.entropy.Quantizer;
import dev.hourglass.data.ImageLoadException;
import dev.hourglass.data.ImageReader;
import dev.hourglass.data.LoadedImage;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Probe;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

@Command(name = "compress", mixinStandardHelpOptions = true,
        description = {"Compress a grayscale image into an .hg file with a trained model.",
                "The image (any size, 8- or 16-bit) is reflect-padded to a multiple of the model's downsampling factor,"
                        + " encoded, quantised with step Δ (--step, or --quality 1..100: Δ = 0.05·2^((50−Q)/10)) and"
                        + " arithmetic-coded with one adaptive model per latent channel. The file size is the real cost,"
                        + " headers included. Format: FORMAT.md."})
final class CompressCommand implements Runnable {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;

    static final class Rate {
        @Option(names = "--step", converter = Usage.PositiveNumber.class, description = "Quantisation step Δ.")
        Double step;
        @Option(names = "--quality", converter = Usage.Quality.class, description = "Quality 1..100 (default 50, Δ = 0.05).")
        Integer quality;
    }

    @ArgGroup(exclusive = true)
    Rate rate;
    @Option(names = "--include-skips", description = "For a model with skips: store the skip feature maps too.")
    boolean includeSkips;
    @Parameters(index = "0", paramLabel = "IN", description = "Input image.")
    Path in;
    @Parameters(index = "1", paramLabel = "OUT.hg", description = "Output file (written atomically).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (model.checkpoint == null) throw Usage.error(spec, "compress needs --checkpoint FILE (a trained model)");
        double step = rate == null || (rate.step == null && rate.quality == null) ? Quantizer.stepForQuality(50)
                : rate.step != null ? rate.step : Quantizer.stepForQuality(rate.quality);
        Outputs.check(out);
        ModelSpec s = model.resolve();
        LoadedImage img = read(in);
        Probe probe = model.probe(s, deviceOptions.apply(), 0);
        long t0 = System.nanoTime();
        byte[] bytes = Codec.compress(probe, img.image(), img.bitDepth(), step, includeSkips);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Outputs.writeBytes(out, bytes);
        long pixels = (long) img.image().width() * img.image().height();
        spec.commandLine().getOut().printf(Locale.ROOT, "%s → %s: %,d bytes, %.4f bits per pixel (Δ = %.4g), %.2f s%n", in, out,
                bytes.length, bytes.length * 8.0 / pixels, step, seconds);
    }

    /** Reads an image for a verb; an unreadable file is bad input (exit 3) with the reader's message. */
    static LoadedImage read(Path p) {
        try {
            return ImageReader.read(p);
        } catch (ImageLoadException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
