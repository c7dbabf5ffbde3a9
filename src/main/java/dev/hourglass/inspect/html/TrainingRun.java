package dev.hourglass.inspect.html;

import java.util.List;

/**
 * A training run folder as the page shows it: the logged training loss, the validations, the
 * rate terms of codec models (empty lists otherwise), and the reconstruction grid (PNG bytes, or
 * null when the folder has none).
 */
public record TrainingRun(String folder, List<Point> loss, List<Point> trainBpp, List<Point> psnr, List<Point> ssim,
                          List<Point> validationBpp, byte[] reconstructionsPng) {

    /** One value at one step. */
    public record Point(long step, double value) {
    }

    public TrainingRun {
        loss = List.copyOf(loss);
        trainBpp = List.copyOf(trainBpp);
        psnr = List.copyOf(psnr);
        ssim = List.copyOf(ssim);
        validationBpp = List.copyOf(validationBpp);
    }

    public boolean codec() {
        return !trainBpp.isEmpty() || !validationBpp.isEmpty();
    }
}
