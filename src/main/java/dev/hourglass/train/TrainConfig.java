package dev.hourglass.train;

import dev.hourglass.metrics.MsSsim;
import dev.hourglass.model.ModelSpec;

/**
 * Everything that defines a training run; stored in every checkpoint and in summary.json.
 *
 * @param data           image folder, or null for the built-in procedural phantoms
 * @param warmupSteps    linear warm-up from 0 to {@code lr}, then cosine decay to {@code lr·minLrFraction}; the schedule
 *                       caps it at half the steps ({@link LrSchedule#effectiveWarmup()})
 * @param clipNorm       gradient-norm clipping threshold; 0 disables it
 * @param validateEvery  steps between validations (and checkpoints)
 * @param logEvery       steps between metrics.jsonl lines of training loss
 * @param validationImages  phantoms to validate on, or the cap on validation tiles for a folder
 * @param epochs         when above 0, {@code steps} is derived from the data: epochs × training pixels ÷ (batch × side²)
 * @param loss           the distortion: for a model with an entropy model {@code mse} (loss = λ·255²·MSE + bpp) or
 *                       {@code ms-ssim} (λ·(1 − MS-SSIM) + bpp); see {@link #requireSupportedLoss}
 * @param lambda         rate–distortion trade-off of models with an entropy model (0, also in configs written before it
 *                       existed: then the default of the loss applies, {@link #DEFAULT_LAMBDA} or {@link #DEFAULT_MS_SSIM_LAMBDA})
 * @param downscale      images of the folder are shrunk by this integer factor (box filter) when loaded; 1 = as stored
 * @param initCheckpoint the checkpoint whose weights the run starts from (fine-tuning), or null for a fresh initialisation
 * @param validationFraction share of the folder's files held out for validation, in [0, 1); 0 validates on the training images
 * @param maxPixels      images of the folder whose header claims more pixels are skipped before decoding
 *                       (0 in configs written before it existed: then the default applies)
 */
public record TrainConfig(ModelSpec spec, String data, long steps, int epochs, int batch, double lr, int warmupSteps,
                          double minLrFraction, OptimizerKind optimizer, double weightDecay, LossKind loss, double clipNorm,
                          long seed, int validateEvery, int logEvery, int validationImages, double validationFraction,
                          double lambda, int downscale, String initCheckpoint, long maxPixels) {

    /** λ of the rate–distortion loss when none is given: the middle of CompressAI's MSE range. */
    public static final double DEFAULT_LAMBDA = 0.0067;

    /** λ of λ·(1 − MS-SSIM) + bpp when none is given: CompressAI's MS-SSIM models use 2.40–220, this is their third quality. */
    public static final double DEFAULT_MS_SSIM_LAMBDA = 8.73;

    /** A config without the rate–distortion and downscale settings (their defaults apply). */
    public TrainConfig(ModelSpec spec, String data, long steps, int epochs, int batch, double lr, int warmupSteps,
                       double minLrFraction, OptimizerKind optimizer, double weightDecay, LossKind loss, double clipNorm,
                       long seed, int validateEvery, int logEvery, int validationImages, double validationFraction) {
        this(spec, data, steps, epochs, batch, lr, warmupSteps, minLrFraction, optimizer, weightDecay, loss, clipNorm, seed,
                validateEvery, logEvery, validationImages, validationFraction, 0, 1, null, 0);
    }

    public TrainConfig {
        if (lambda == 0) lambda = loss == LossKind.MS_SSIM ? DEFAULT_MS_SSIM_LAMBDA : DEFAULT_LAMBDA;
        if (downscale == 0) downscale = 1;
        if (maxPixels == 0) maxPixels = dev.hourglass.data.ImageReader.DEFAULT_MAX_PIXELS;
        if (maxPixels < 1) throw new IllegalArgumentException("max-pixels must be 1 or more but was " + maxPixels);
        if (!(lambda > 0 && lambda < 1e4)) throw new IllegalArgumentException("lambda must be in (0, 10000) but was " + lambda);
        if (downscale < 1 || downscale > 64) throw new IllegalArgumentException("downscale must be in 1..64 but was " + downscale);
        if (spec == null) throw new IllegalArgumentException("spec is missing");
        if (loss == LossKind.MS_SSIM && spec.imageSize() < MsSsim.MIN_SIZE) {
            throw new IllegalArgumentException("loss ms-ssim needs crops of at least " + MsSsim.MIN_SIZE + "×" + MsSsim.MIN_SIZE
                    + " (five scales of an 11×11 window) but the crop (--crop, or the spec's imageSize) is " + spec.imageSize());
        }
        if (steps < 1) throw new IllegalArgumentException("steps must be 1 or more but was " + steps);
        if (epochs < 0) throw new IllegalArgumentException("epochs must be 1 or more but was " + epochs);
        if (epochs > 0 && data == null) {
            throw new IllegalArgumentException("--epochs needs --data: the built-in phantoms are an endless stream; use --steps");
        }
        if (batch < 1 || batch > 4096) throw new IllegalArgumentException("batch must be in 1..4096 but was " + batch);
        if (!(lr > 0 && lr < 10)) throw new IllegalArgumentException("lr must be in (0, 10) but was " + lr);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmup must be 0 or more but was " + warmupSteps);
        if (!(minLrFraction >= 0 && minLrFraction <= 1)) throw new IllegalArgumentException("minLrFraction must be in [0, 1] but was " + minLrFraction);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be 0 or more but was " + weightDecay);
        if (!(clipNorm >= 0)) throw new IllegalArgumentException("clip must be 0 (off) or more but was " + clipNorm);
        if (validateEvery < 1) throw new IllegalArgumentException("validate-every must be 1 or more but was " + validateEvery);
        if (logEvery < 1) throw new IllegalArgumentException("log-every must be 1 or more but was " + logEvery);
        if (validationImages < 1) throw new IllegalArgumentException("validation images must be 1 or more but was " + validationImages);
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1) but was " + validationFraction);
        }
    }

    /**
     * This config, when a new run can train its loss: a model with an entropy model trains on
     * {@code mse} or {@code ms-ssim} only, and refuses {@code l1} and {@code mse+ssim}. Not checked
     * in the constructor: runs stored before this check, whose {@code l1} or {@code mse+ssim} the
     * rate–distortion step ignored, still resume, with MSE as they trained ({@link #distortion}).
     */
    public TrainConfig requireSupportedLoss() {
        if (spec.hasEntropyModel() && loss != LossKind.MSE && loss != LossKind.MS_SSIM) {
            throw new IllegalArgumentException("loss " + loss.key() + " is not available for a model with an entropy model"
                    + " (it trains on rate and distortion): use mse (λ·255²·MSE + bpp) or ms-ssim (λ·(1 − MS-SSIM) + bpp)");
        }
        return this;
    }

    /** The distortion term of a rate–distortion run: ms-ssim, else MSE (see {@link #requireSupportedLoss}). */
    LossKind distortion() {
        return loss == LossKind.MS_SSIM ? LossKind.MS_SSIM : LossKind.MSE;
    }

    /** The same config with {@code steps} fixed (epochs resolved). */
    public TrainConfig withSteps(long n) {
        return new TrainConfig(spec, data, n, 0, batch, lr, warmupSteps, minLrFraction, optimizer, weightDecay,
                loss, clipNorm, seed, validateEvery, logEvery, validationImages, validationFraction, lambda, downscale, initCheckpoint,
                maxPixels);
    }
}
