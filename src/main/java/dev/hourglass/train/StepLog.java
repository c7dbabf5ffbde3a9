package dev.hourglass.train;

/**
 * One logged training step; a line of metrics.jsonl with kind "train". For models with an entropy
 * model, {@code bpp} (rate from the likelihoods of the noisy latent, per pixel) and {@code mse} are
 * the two terms of the loss λ·255²·mse + bpp; both are NaN (written as null) otherwise.
 */
public record StepLog(String kind, long step, double loss, double lr, double gradNorm, double imagesPerSecond,
                      double dataWaitShare, double elapsedSeconds, Double bpp, Double mse) {

    public StepLog(String kind, long step, double loss, double lr, double gradNorm, double imagesPerSecond,
                   double dataWaitShare, double elapsedSeconds) {
        this(kind, step, loss, lr, gradNorm, imagesPerSecond, dataWaitShare, elapsedSeconds, null, null);
    }
}
