package dev.hourglass.cli;

import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFolder;
import dev.hourglass.data.Phantoms;
import dev.hourglass.inspect.SkipRenderer;
import dev.hourglass.inspect.SkipReport;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
final class SkipsCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--images", defaultValue = "4", description = "Number of images (tiles) for the ablation (default: ${DEFAULT-VALUE}).")
    int images;
    @Option(names = "--data", paramLabel = "DIR", description = "Take the ablation images from tiles of this folder's images (default: phantoms).")
    Path data;
    @Mixin
    SeedOption random;
    @Mixin
    FormatOptions.TextMarkdownOrJson formatOption;
    @Mixin
    InputShapeOption input;

    private List<GrayImage> tiles(Path dir, int size) {
        try {
            ImageFolder f = ImageFolder.load(dir, 0.5, random.seed, 2);
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
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON);
        if (images < 1 || images > 64) throw Usage.error(spec, "--images must be in 1..64 but was " + images);
        if (model.torchscript() != null) {
            var m = model.scripted(deviceOptions.apply());
            var probe = input.resolveScripted(spec);
            int size = (int) probe.dim(2);
            List<GrayImage> tiles = data == null ? Phantoms.generate(images, size, random.seed + 1000) : tiles(data, size);
            String label = tiles.size() + (data == null ? " phantoms " : " tiles from " + data + " ") + size + "×" + size;
            TorchScriptVerbs.skips(out(), m, probe, tiles, label, random.seed, formatOption.format);
            return;
        }
        if (input.input != null) throw Usage.error(spec, "--input applies to a --torchscript model here; a spec's skips use its image size");
        ModelSpec s = model.resolve();
        ModelRunner probe = model.probe(s, deviceOptions.apply(), random.seed);
        List<GrayImage> tiles = data == null ? Phantoms.generate(images, s.imageSize(), random.seed + 1000) : tiles(data, s.imageSize());
        String label = tiles.size() + (data == null ? " phantoms " : " tiles from " + data + " ") + s.imageSize() + "×" + s.imageSize();
        SkipReport r = SkipReport.run(probe, tiles, label, model.trained(), random.seed);
        var out = out();
        out.print(formatOption.format == OutputFormat.JSON ? Json.write(r) + "\n" : SkipRenderer.text(r, formatOption.format == OutputFormat.MARKDOWN));
    }
}
