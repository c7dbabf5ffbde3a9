package dev.hourglass.train;

import dev.hourglass.runtime.ParamGradient;

import java.util.List;

/**
 * One training step: the loss, the total gradient norm before clipping, and whether both were
 * finite. When they were not, the optimiser did not step and {@code gradients} holds every
 * parameter's gradient of that step (empty otherwise). A rate–distortion step also gives its rate
 * {@code bpp}, its {@code mse} and, when it trains on MS-SSIM, {@code msSsim}; each is NaN where it
 * does not apply.
 */
public record StepResult(double loss, double gradNorm, boolean finite, List<ParamGradient> gradients, double bpp,
                         double mse, double msSsim) {

    public StepResult {
        gradients = List.copyOf(gradients);
    }

    /** A rate–distortion step on MSE: no MS-SSIM. */
    public StepResult(double loss, double gradNorm, boolean finite, List<ParamGradient> gradients, double bpp, double mse) {
        this(loss, gradNorm, finite, gradients, bpp, mse, Double.NaN);
    }

    /** A step of a model without an entropy model: no rate, and the distortion is the loss itself. */
    public StepResult(double loss, double gradNorm, boolean finite, List<ParamGradient> gradients) {
        this(loss, gradNorm, finite, gradients, Double.NaN, Double.NaN);
    }
}
