package dev.hourglass.inspect.html;

import java.util.List;

/**
 * An evaluation folder as the page shows it: one curve per codec (means over the images per
 * setting, sorted by rate) and the Bjøntegaard deltas of each learned codec against each
 * reference codec (NaN where the curves do not overlap or have fewer than 4 points).
 */
public record RateDistortion(String folder, List<String> images, List<Curve> curves, List<Delta> deltas) {

    /** @param learned true for hourglass models, false for JPEG, WebP, JPEG 2000 */
    public record Curve(String codec, boolean learned, List<Point> points) {
        public Curve {
            points = List.copyOf(points);
        }
    }

    /** @param msssim NaN when the images were too small for MS-SSIM */
    public record Point(double setting, double bpp, double psnr, double msssim) {
    }

    /** BD-rate in percent of the reference's rate at equal PSNR (negative = fewer bits), BD-PSNR in dB at equal rate. */
    public record Delta(String codec, String reference, double bdRatePercent, double bdPsnrDb) {
    }

    public RateDistortion {
        images = List.copyOf(images);
        curves = List.copyOf(curves);
        deltas = List.copyOf(deltas);
    }
}
