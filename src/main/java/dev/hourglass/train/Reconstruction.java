package dev.hourglass.train;

import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.metrics.ImageQuality;
import dev.hourglass.runtime.ModelRunner;

/**
 * A whole image through a model: reflect-padded to a multiple of the downsampling factor,
 * reconstructed in eval mode, cropped back, and scored against the input.
 */
public final class Reconstruction {

    public record Result(GrayImage image, double psnr, double ssim, int paddedWidth, int paddedHeight) {
    }

    private Reconstruction() {
    }

    public static Result run(ModelRunner probe, GrayImage input) {
        int f = probe.spec().downsampling();
        GrayImage padded = Crops.padToMultiple(input, f);
        float[] out = probe.reconstruct(padded.pixels(), 1, padded.height(), padded.width());
        GrayImage y = Crops.cropTopLeft(new GrayImage(padded.width(), padded.height(), out), input.width(), input.height());
        ImageQuality q = ImageQuality.of(input, y);
        return new Result(y, q.psnr(), q.ssim(), padded.width(), padded.height());
    }
}
