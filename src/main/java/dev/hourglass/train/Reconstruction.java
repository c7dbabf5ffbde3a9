package dev.hourglass.train;

import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.metrics.MsSsim;
import dev.hourglass.metrics.Psnr;
import dev.hourglass.metrics.Ssim;
import dev.hourglass.model.Probe;

/**
 * A whole image through a model: reflect-padded to a multiple of the downsampling factor,
 * reconstructed in eval mode, cropped back, and scored against the input.
 */
public final class Reconstruction {

    public record Result(GrayImage image, double psnr, double ssim, int paddedWidth, int paddedHeight) {
    }

    private Reconstruction() {
    }

    public static Result run(Probe probe, GrayImage input) {
        int f = probe.spec().downsampling();
        GrayImage padded = Crops.padToMultiple(input, f);
        float[] out = probe.reconstruct(padded.pixels(), 1, padded.height(), padded.width());
        GrayImage y = Crops.cropTopLeft(new GrayImage(padded.width(), padded.height(), out), input.width(), input.height());
        double ssim = input.width() >= Ssim.WINDOW && input.height() >= Ssim.WINDOW
                ? Ssim.of(input.pixels(), y.pixels(), input.width(), input.height(), 1) : Double.NaN;
        return new Result(y, Psnr.of(input.pixels(), y.pixels(), 1), ssim, padded.width(), padded.height());
    }

    /** PSNR, SSIM and MS-SSIM (NaN when the image is too small for it) of two images in [0,1]. */
    public static double[] scores(GrayImage a, GrayImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("images differ in size: " + a.width() + "×" + a.height() + " and " + b.width() + "×" + b.height());
        }
        double ssim = a.width() >= Ssim.WINDOW && a.height() >= Ssim.WINDOW ? Ssim.of(a.pixels(), b.pixels(), a.width(), a.height(), 1) : Double.NaN;
        double ms = a.width() >= MsSsim.MIN_SIZE && a.height() >= MsSsim.MIN_SIZE ? MsSsim.of(a.pixels(), b.pixels(), a.width(), a.height(), 1) : Double.NaN;
        return new double[]{Psnr.of(a.pixels(), b.pixels(), 1), ssim, ms};
    }
}
