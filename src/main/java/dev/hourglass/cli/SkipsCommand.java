package dev.hourglass.cli;

import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFolder;
import dev.hourglass.data.Phantoms;
import dev.hourglass.inspect.SkipReport;
import dev.hourglass.inspect.SkipRenderer;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Probe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "skips", mixinStandardHelpOptions = true,
        description = {"Skip wiring and how much information bypasses the latent.",
                "Skip connections read from the model (what the encoder returns, what the decoder accepts, how they "
                        + "combine) and how much information bypasses the bottleneck: the share of decoder input channels from "
                        + "skips, the share of gradient norm into the skips versus the latent, and reconstruction PSNR with the"
                        + " skips or the latent zeroed. Images: the built-in phantoms, or tiles of the images in --data."})
final class SkipsCommand implements Runnable {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--images", defaultValue = "4", description = "Number of images (tiles) for the ablation (default: ${DEFAULT-VALUE}).")
    int images;
    @Option(names = "--data", paramLabel = "DIR", description = "Take the ablation images from tiles of this folder's images (default: phantoms).")
    Path data;
    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--format", defaultValue = "text", description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private List<GrayImage> tiles(Path dir, int size) {
        try {
            ImageFolder f = ImageFolder.load(dir, 0.5, seed, 2);
            List<GrayImage> out = new ArrayList<>();
            List<ImageFolder.Named> all = new ArrayList<>(f.validation());
            all.addAll(f.train());
            for (ImageFolder.Named n : all) {
                for (GrayImage t : Crops.tiles(n.image(), size)) if (out.size() < images) out.add(t);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void run() {
        Usage.formats(spec, format, OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON);
        if (images < 1 || images > 64) throw Usage.error(spec, "--images must be in 1..64 but was " + images);
        ModelSpec s = model.resolve();
        Probe probe = model.probe(s, deviceOptions.apply(), seed);
        List<GrayImage> tiles = data == null ? Phantoms.generate(images, s.imageSize(), seed + 1000) : tiles(data, s.imageSize());
        String label = tiles.size() + (data == null ? " phantoms " : " tiles from " + data + " ") + s.imageSize() + "×" + s.imageSize();
        SkipReport r = SkipReport.run(probe, tiles, label, model.trained(), seed);
        var out = spec.commandLine().getOut();
        out.print(format == OutputFormat.JSON ? Json.write(r) + "\n" : SkipRenderer.text(r, format == OutputFormat.MARKDOWN));
    }
}
