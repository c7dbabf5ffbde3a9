package dev.hourglass.train;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One logged training step; a line of metrics.jsonl with kind "train". For models with an entropy
 * model, {@code bpp} (rate from the likelihoods of the noisy latent, per pixel) and {@code mse} are
 * the two terms of the loss λ·255²·mse + bpp; both are NaN (written as null) otherwise. A run on
 * {@code --loss ms-ssim} with an entropy model adds {@code msSsim}, the batch's mean MS-SSIM (loss
 * λ·(1 − msSsim) + bpp; {@code mse} is then only reported); the field is left out of other lines,
 * so they read as before.
 */
public record StepLog(String kind, long step, double loss, double lr, double gradNorm, double imagesPerSecond,
                      double dataWaitShare, double elapsedSeconds, Double bpp, Double mse,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Double msSsim) {

    public StepLog(String kind, long step, double loss, double lr, double gradNorm, double imagesPerSecond,
                   double dataWaitShare, double elapsedSeconds, Double bpp, Double mse) {
        this(kind, step, loss, lr, gradNorm, imagesPerSecond, dataWaitShare, elapsedSeconds, bpp, mse, null);
    }

    public StepLog(String kind, long step, double loss, double lr, double gradNorm, double imagesPerSecond,
                   double dataWaitShare, double elapsedSeconds) {
        this(kind, step, loss, lr, gradNorm, imagesPerSecond, dataWaitShare, elapsedSeconds, null, null);
    }
}
