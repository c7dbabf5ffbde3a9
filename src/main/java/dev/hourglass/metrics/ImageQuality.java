package dev.hourglass.metrics;

import dev.hourglass.data.GrayImage;

import java.util.function.Consumer;

/** PSNR (peak 1), SSIM and MS-SSIM (data range 1) of two images in [0,1]; NaN where an image is too small. */
public record ImageQuality(double psnr, double ssim, double msssim) {

    public static ImageQuality of(GrayImage a, GrayImage b) {
        return of(a, b, true, stage -> { });
    }

    /**
     * @param withMsSsim false leaves MS-SSIM out (NaN), for callers that do not report it
     * @param stage      hears the name of each measure before it is computed ("PSNR", "SSIM", "MS-SSIM"): on a
     *                   large image each takes seconds
     */
    public static ImageQuality of(GrayImage a, GrayImage b, boolean withMsSsim, Consumer<String> stage) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("images differ in size: " + a.width() + "×" + a.height() + " and " + b.width() + "×" + b.height());
        }
        int w = a.width();
        int h = a.height();
        stage.accept("PSNR");
        double psnr = Psnr.of(a.pixels(), b.pixels(), 1);
        double ssim = Double.NaN;
        if (w >= Ssim.WINDOW && h >= Ssim.WINDOW) {
            stage.accept("SSIM");
            ssim = Ssim.of(a.pixels(), b.pixels(), w, h, 1);
        }
        double ms = Double.NaN;
        if (withMsSsim && w >= MsSsim.MIN_SIZE && h >= MsSsim.MIN_SIZE) {
            stage.accept("MS-SSIM");
            ms = MsSsim.of(a.pixels(), b.pixels(), w, h, 1);
        }
        return new ImageQuality(psnr, ssim, ms);
    }
}
