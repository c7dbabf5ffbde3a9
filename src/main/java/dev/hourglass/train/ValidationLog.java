package dev.hourglass.train;

/**
 * One validation; a line of metrics.jsonl with kind "validation". {@code bpp} is the entropy
 * model's estimate of the rate of the validation tiles with rounding (null without one).
 */
public record ValidationLog(String kind, long step, double psnr, double ssim, int tiles, double elapsedSeconds, Double bpp) {

    public ValidationLog(String kind, long step, double psnr, double ssim, int tiles, double elapsedSeconds) {
        this(kind, step, psnr, ssim, tiles, elapsedSeconds, null);
    }
}
