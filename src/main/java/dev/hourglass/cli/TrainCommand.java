package dev.hourglass.cli;

import dev.hourglass.codec.TableFreezer;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ParamGradient;
import dev.hourglass.train.LossKind;
import dev.hourglass.train.OptimizerKind;
import dev.hourglass.train.RunSummary;
import dev.hourglass.train.TrainConfig;
import dev.hourglass.train.Trainer;
import dev.hourglass.train.TrainingStopped;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on images or on built-in phantoms.",
                "Train a model on a folder of images (PNG, JPEG, BMP, GIF, TIFF; read recursively, random crops) or, "
                        + "without --data, on procedural phantoms. Leaves a run folder with checkpoints, metrics.jsonl, loss "
                        + "and PSNR plots, a grid of validation reconstructions and summary.json. --resume continues the run in"
                        + " --out exactly."})
final class TrainCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--data", paramLabel = "DIR", description = "Image folder (default: built-in phantoms).")
    Path data;
    @Option(names = "--steps", paramLabel = "N", description = "Training steps (default: 1000).")
    Long steps;
    @Option(names = "--epochs", paramLabel = "N", description = "Instead of --steps: N passes over the training images' pixels, in crops.")
    Integer epochs;
    @Option(names = "--batch", defaultValue = "8", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "2e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--warmup", defaultValue = "50", description = "Warm-up steps (default: ${DEFAULT-VALUE}; at most half the steps); then cosine decay.")
    int warmup;
    @Option(names = "--min-lr", defaultValue = "0.05", description = "Final learning rate as a fraction of the peak (default: ${DEFAULT-VALUE}).")
    double minLr;
    @Option(names = "--optimizer", defaultValue = "adam", converter = OptimizerConverter.class, description = "adam or adamw (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;
    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;
    @Option(names = "--loss", defaultValue = "mse", converter = LossConverter.class, description = "mse, l1, mse+ssim or ms-ssim "
            + "(default: ${DEFAULT-VALUE}). Without an entropy model the loss itself (mse+ssim = MSE + 0.05·(1 − SSIM), ms-ssim ="
            + " 1 − MS-SSIM); with one, the distortion of the rate–distortion loss: mse (λ·255²·MSE + bpp) or ms-ssim (λ·(1 − MS-SSIM)"
            + " + bpp, MS-SSIM of each image averaged over the batch); l1 and mse+ssim are refused there. ms-ssim needs --crop 176"
            + " or more. Kept by --resume.")
    LossKind loss;
    @Option(names = "--clip", defaultValue = "1.0", description = "Gradient-norm clipping, 0 = off (default: ${DEFAULT-VALUE}).")
    double clip;
    @Option(names = "--validate-every", defaultValue = "100", description = "Steps between validations and checkpoints (default: ${DEFAULT-VALUE}).")
    int validateEvery;
    @Option(names = "--log-every", defaultValue = "10", description = "Steps between log lines (default: ${DEFAULT-VALUE}).")
    int logEvery;
    @Option(names = "--val-images", defaultValue = "16", description = "Validation phantoms, or cap on validation tiles (default: ${DEFAULT-VALUE}).")
    int valImages;
    @Option(names = "--val-fraction", defaultValue = "0.1", description = "Share of image files held out for validation, in [0, 1) "
            + "(default: ${DEFAULT-VALUE}); 0 holds none out and validates on tiles of the training images, with a WARNING in the log.")
    double valFraction;
    @Option(names = "--max-pixels", paramLabel = "N", converter = Usage.PositiveLong.class, description = "Skip (and report) images of --data"
            + " whose header claims more than N pixels, before decoding them (default: 67108864 = 2^26, e.g. 8192×8192).")
    Long maxPixels;
    @Mixin
    SeedOption random;
    @Option(names = "--out", defaultValue = "runs/latest", paramLabel = "RUN_DIR", description = "Run folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--lambda", paramLabel = "λ", description = "Rate–distortion trade-off of models with an entropy model; larger"
            + " λ, higher rate and quality. With --loss mse, loss = λ·255²·MSE + bpp (default: 0.0067; CompressAI's MSE models use"
            + " 0.0018–0.0483); with --loss ms-ssim, loss = λ·(1 − MS-SSIM) + bpp, a scale about a thousand times larger (default:"
            + " 8.73; CompressAI's MS-SSIM models use 2.40–220). Ignored by models without one. Kept by --resume.")
    Double lambda;
    @Option(names = "--downscale", defaultValue = "1", paramLabel = "F", description = "Shrink every image of --data by the integer "
            + "factor F (box filter) when loading, e.g. 4 for JPEG photographs, so their block artefacts vanish (default: ${DEFAULT-VALUE}).")
    int downscale;
    @Option(names = "--crop", paramLabel = "SIDE", description = "Side of the square training crops (default: the spec's imageSize; "
            + "must be a multiple of the model's downsampling factor).")
    Integer crop;
    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint (its stored config is used).")
    boolean resume;
    @Option(names = "--init-from", paramLabel = "FILE", description = "Start the model of --arch/--spec from the tensors of this checkpoint whose "
            + "names and shapes match (the others keep their seeded initialisation; the run names both groups): e.g. a hyperprior "
            + "model from a trained factorized one. When the two networks differ only in channel counts and the checkpoint's are no "
            + "larger, its tensors are also widened into the new ones: old channels keep their weights, new ones start seeded (new "
            + "latent channels at 0) and feed nothing old, so the wider model starts out reconstructing as the narrow one (not with "
            + "concatenated skips). "
            + "Unlike --checkpoint, the checkpoint may hold another network.")
    Path initFrom;
    @Mixin
    GroupOptions group;
    @Option(names = "--stream-cache-mb", paramLabel = "MB", converter = Usage.PositiveLong.class, description = "Do not decode --data"
            + " whole: each rank decodes its own shard of the files on demand, keeping at most MB MiB of decoded images (for sets"
            + " larger than memory; give it again on --resume; at most 16777216 = 16 TiB).")
    Long streamCacheMb;

    /** 16 TiB of decoded images per rank: far above any machine's memory, and far below where MiB → bytes overflows. */
    static final long MAX_STREAM_CACHE_MB = 1L << 24;

    @Override
    public void run() {
        if (group.nproc != null) {
            group.launch(spec, out(), spec.commandLine().getErr());
            return;
        }
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new OutputException("cannot use " + out + " as the run folder: it is a file", null); // before any data is read
        }
        Outputs.checkFolder(out);
        PrintWriter o = out();
        if (initFrom != null && (model.checkpoint != null || resume)) {
            throw Usage.error(spec, "--init-from starts a new model from some of a checkpoint's tensors; it excludes --checkpoint and --resume");
        }
        if (initFrom != null) dev.hourglass.train.Checkpoint.load(initFrom).model().close(); // a missing or corrupt file fails now (exit 3), not after the run folder exists
        if (model.checkpoint != null && resume) {
            throw Usage.error(spec, "--resume continues the run in --out from its own last.ckpt; --checkpoint starts a new run"
                    + " from other weights (fine-tuning): give one of them");
        }
        TrainConfig config;
        if (resume) {
            if (epochs != null) throw Usage.error(spec, "--epochs does not apply to --resume; give --steps N to extend the run to N steps");
            Trainer.Stored stored = Trainer.stored(out);
            config = stored.config();
            requireStoredLoss(config);
            o.println("resuming " + out + " with its stored configuration (other training options than --steps are ignored)");
            if (steps != null && steps != config.steps()) {
                if (steps < stored.stepsDone()) {
                    throw Usage.error(spec, "--steps " + steps + " is below the " + stored.stepsDone() + " steps this run has done;"
                            + " give at least " + stored.stepsDone());
                }
                o.printf(Locale.ROOT, "%s the run from %d to %d steps: the learning-rate schedule is recomputed over %d steps"
                                + " (warm-up %d, cosine decay to step %d), so from step %d on the rates differ from the original run's%n",
                        steps > config.steps() ? "extending" : "shortening", config.steps(), steps, steps,
                        new dev.hourglass.train.LrSchedule(config.lr(), config.warmupSteps(), steps, config.minLrFraction()).effectiveWarmup(),
                        steps, stored.stepsDone() + 1);
                config = config.withSteps(steps);
            }
        } else {
            ModelSpec s0 = model.resolve();
            ModelSpec s = s0;
            if (crop != null) s = Usage.check(spec, () -> s0.withImageSize(crop));
            if (steps != null && epochs != null) throw Usage.error(spec, "give --steps or --epochs, not both");
            long n = steps != null ? steps : 1000;
            ModelSpec fs = s;
            config = Usage.check(spec, () -> new TrainConfig(fs, data == null ? null : data.toString(), n, epochs == null ? 0 : epochs, batch, lr, warmup,
                    minLr, optimizer, weightDecay, loss, clip, random.seed, validateEvery, logEvery, valImages, valFraction,
                    lambda == null ? 0 : lambda, downscale,
                    model.checkpoint != null ? model.checkpoint.toString() : initFrom != null ? initFrom.toString() : null,
                    maxPixels == null ? 0 : maxPixels).requireSupportedLoss());
        }
        requireOutsideData(out, config.data());
        ConsoleProgress progress = new ConsoleProgress(o, System.console() != null);
        if (streamCacheMb != null && config.data() == null) throw Usage.error(spec, "--stream-cache-mb needs --data");
        if (streamCacheMb != null && streamCacheMb > MAX_STREAM_CACHE_MB) { // and MB << 20 cannot overflow
            throw Usage.error(spec, "--stream-cache-mb must be at most " + MAX_STREAM_CACHE_MB + " (16 TiB) but was " + streamCacheMb);
        }
        RunSummary r;
        dev.hourglass.backend.DeviceChoice device = deviceOptions.apply();
        try (dev.hourglass.train.DataParallel dp = group.join(spec, config, device)) {
            r = Trainer.run(config, out, resume, device, progress, TableFreezer::freeze, dp, streamCacheMb == null ? 0 : streamCacheMb << 20);
            if (r == null) { // a rank other than 0: rank 0 reports
                o.printf(Locale.ROOT, "rank %d of %d done (%s)%n", dp.rank(), dp.size(), averaging(dp));
                return;
            }
            if (dp != null) {
                o.printf(Locale.ROOT, "data-parallel: %d ranks (%s), rank 0 %s%n", dp.size(), group.backendName(device), averaging(dp));
            }
        } catch (TrainingStopped e) {
            progress.endBar();
            o.println("training stopped: " + e.getMessage());
            o.println("gradients of that step:");
            for (ParamGradient g : e.gradients()) {
                o.printf(Locale.ROOT, "  %-40s %s  norm %.3e  max %.3e  NaN %d  Inf %d%n", g.name(), g.defined() ? "defined" : "MISSING",
                        g.norm(), g.maxAbs(), g.nanCount(), g.infCount());
            }
            throw new CheckFailedException("train: stopped at step " + e.step() + " (non-finite values)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.endBar();
        o.printf(Locale.ROOT, "done: %d steps in %s, %.1f images/s (data wait %.1f%% of the time)%n", r.steps(),
                ConsoleProgress.duration(r.wallSeconds()), r.imagesPerSecond(), 100 * r.dataWaitShare());
        o.printf(Locale.ROOT, "validation: PSNR %s, SSIM %.4f over %d tiles (predicting the mean image: %s)%n",
                decibels(r.validationPsnr()), r.validationSsim(), r.validationTiles(), decibels(r.meanImagePsnr()));
        if (r.skippedFiles() > 0) o.println("skipped files: " + r.skippedFiles());
        o.println("run folder: " + out + " (final.ckpt, metrics.jsonl, loss.png, psnr.png, reconstructions.png, summary.json)");
    }

    /**
     * Refuses a --loss or --lambda given with --resume that differs from the run's own: the run goes on with what it
     * trained on, and saying nothing would let a user believe the loss had changed.
     */
    private void requireStoredLoss(TrainConfig stored) {
        if (spec.commandLine().getParseResult().hasMatchedOption("--loss") && loss != stored.loss()) {
            throw Usage.error(spec, "--resume continues with the run's own --loss " + stored.loss().key() + ", not " + loss.key()
                    + "; to train on another loss, start a new run from its weights (--checkpoint " + out.resolve("last.ckpt") + ")");
        }
        if (lambda != null && lambda != stored.lambda()) {
            throw Usage.error(spec, "--resume continues with the run's own --lambda " + stored.lambda() + ", not " + lambda
                    + "; to train on another λ, start a new run from its weights (--checkpoint " + out.resolve("last.ckpt") + ")");
        }
    }

    private static String averaging(dev.hourglass.train.DataParallel dp) {
        return String.format(Locale.ROOT, "%.2f s averaging gradients, %.1f ms per step over %d steps", dp.allreduceSeconds(),
                1000 * dp.allreduceSeconds() / Math.max(1, dp.averagedSteps()), dp.averagedSteps());
    }

    /**
     * Refuses an --out inside the data folder: its PNGs (plots, reconstructions) would be read as
     * training images by the next run on that folder. Symbolic links are resolved as far as the paths exist.
     */
    private void requireOutsideData(Path runDir, String data) {
        if (data == null) return;
        if (real(runDir).startsWith(real(Path.of(data)))) {
            throw Usage.error(spec, "--out " + runDir + " is inside --data " + data + ": the run's images (plots, reconstructions)"
                    + " would become training images of the next run on that folder; choose an --out outside it");
        }
    }

    /** The real path of the longest existing part of {@code p}, followed by the rest. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        for (Path existing = abs; existing != null; existing = existing.getParent()) {
            try {
                return existing.toRealPath().resolve(existing.relativize(abs));
            } catch (IOException e) {
                // not there (yet): try its parent
            }
        }
        return abs;
    }

    /** A PSNR for the log: "inf" where it is infinite (one validation tile is its own mean image). */
    private static String decibels(double psnr) {
        return Double.isInfinite(psnr) ? "inf" : String.format(Locale.ROOT, "%.2f dB", psnr);
    }

    static final class OptimizerConverter implements picocli.CommandLine.ITypeConverter<OptimizerKind> {
        @Override
        public OptimizerKind convert(String v) {
            return OptimizerKind.parse(v);
        }
    }

    static final class LossConverter implements picocli.CommandLine.ITypeConverter<LossKind> {
        @Override
        public LossKind convert(String v) {
            return LossKind.parse(v);
        }
    }
}
