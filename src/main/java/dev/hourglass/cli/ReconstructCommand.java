package dev.hourglass.cli;

import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.LoadedImage;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.Reconstruction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = {"Reconstruct an image of any size with a trained model.",
                "Pass an image of any size through a trained model (reflect-padded to a multiple of the downsampling "
                        + "factor, cropped back) and write the reconstruction as PNG (16-bit for a 16-bit input); prints PSNR "
                        + "and SSIM. Images larger than one tile run tile by tile (512×512 cores with as much real context"
                        + " around them as the network sees), so memory stays bounded; from a megapixel on, each stage is"
                        + " reported on standard error (a bar on a terminal)."})
final class ReconstructCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Parameters(index = "0", paramLabel = "IN", description = "Input image.")
    Path in;
    @Parameters(index = "1", paramLabel = "OUT", description = "Output PNG.")
    Path out;

    @Override
    public void run() {
        if (model.checkpoint == null) throw Usage.error(spec, "reconstruct needs --checkpoint FILE (a trained model)");
        Outputs.requirePng(spec, out);
        Outputs.check(out);
        ModelSpec s = model.resolve();
        StageProgress progress = new StageProgress(spec.commandLine().getErr(), "reconstruct", System.console() != null);
        LoadedImage img = CompressCommand.read(in);
        progress.read(in, img.image(), img.bitDepth());
        ModelRunner probe = model.probe(s, deviceOptions.apply(), 0);
        Reconstruction.Result r = Reconstruction.run(probe, img.image(), Reconstruction.TILE, progress);
        progress.stage("writing " + out);
        Outputs.png(out, target -> ImageFiles.writePng(r.image(), img.bitDepth(), target));
        // as in 'metrics': SSIM is undefined below 11×11, PSNR infinite for identical images
        String psnr = Double.isInfinite(r.psnr()) ? "inf (identical)" : String.format(Locale.ROOT, "%.2f dB", r.psnr());
        String ssim = Double.isNaN(r.ssim()) ? "- (image smaller than 11×11)" : String.format(Locale.ROOT, "%.4f", r.ssim());
        out().printf(Locale.ROOT, "%s (%d×%d, %d-bit, padded to %d×%d) → %s: PSNR %s, SSIM %s%n", in,
                img.image().width(), img.image().height(), img.bitDepth(), r.paddedWidth(), r.paddedHeight(), out, psnr, ssim);
    }
}
