package dev.hourglass.metrics;

import dev.hourglass.data.GrayImage;

/** PSNR (peak 1), SSIM and MS-SSIM (data range 1) of two images in [0,1]; NaN where an image is too small. */
public record ImageQuality(double psnr, double ssim, double msssim) {

    public static ImageQuality of(GrayImage a, GrayImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("images differ in size: " + a.width() + "×" + a.height() + " and " + b.width() + "×" + b.height());
        }
        int w = a.width();
        int h = a.height();
        double ssim = w >= Ssim.WINDOW && h >= Ssim.WINDOW ? Ssim.of(a.pixels(), b.pixels(), w, h, 1) : Double.NaN;
        double ms = w >= MsSsim.MIN_SIZE && h >= MsSsim.MIN_SIZE ? MsSsim.of(a.pixels(), b.pixels(), w, h, 1) : Double.NaN;
        return new ImageQuality(Psnr.of(a.pixels(), b.pixels(), 1), ssim, ms);
    }
}
