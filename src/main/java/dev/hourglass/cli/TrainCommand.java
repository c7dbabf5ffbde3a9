package dev.hourglass.cli;

import dev.hourglass.model.LossKind;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.OptimizerKind;
import dev.hourglass.model.ParamGradient;
import dev.hourglass.train.RunSummary;
import dev.hourglass.train.TrainConfig;
import dev.hourglass.train.Trainer;
import dev.hourglass.train.TrainingStopped;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
final class TrainCommand implements Runnable {

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
    @Option(names = "--warmup", defaultValue = "50", description = "Warm-up steps (default: ${DEFAULT-VALUE}); then cosine decay.")
    int warmup;
    @Option(names = "--min-lr", defaultValue = "0.05", description = "Final learning rate as a fraction of the peak (default: ${DEFAULT-VALUE}).")
    double minLr;
    @Option(names = "--optimizer", defaultValue = "adam", converter = OptimizerConverter.class, description = "adam or adamw (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;
    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;
    @Option(names = "--loss", defaultValue = "mse", converter = LossConverter.class, description = "mse, l1 or mse+ssim (default: ${DEFAULT-VALUE}).")
    LossKind loss;
    @Option(names = "--clip", defaultValue = "1.0", description = "Gradient-norm clipping, 0 = off (default: ${DEFAULT-VALUE}).")
    double clip;
    @Option(names = "--validate-every", defaultValue = "100", description = "Steps between validations and checkpoints (default: ${DEFAULT-VALUE}).")
    int validateEvery;
    @Option(names = "--log-every", defaultValue = "10", description = "Steps between log lines (default: ${DEFAULT-VALUE}).")
    int logEvery;
    @Option(names = "--val-images", defaultValue = "16", description = "Validation phantoms, or cap on validation tiles (default: ${DEFAULT-VALUE}).")
    int valImages;
    @Option(names = "--val-fraction", defaultValue = "0.1", description = "Share of image files held out for validation (default: ${DEFAULT-VALUE}).")
    double valFraction;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of weights, split and batches (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", defaultValue = "runs/latest", paramLabel = "RUN_DIR", description = "Run folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint (its stored config is used).")
    boolean resume;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter o = spec.commandLine().getOut();
        if (model.checkpoint != null) {
            throw Usage.error(spec, "train starts from freshly initialised weights and does not take --checkpoint;"
                    + " to continue a run use --resume --out RUN_DIR");
        }
        TrainConfig config;
        if (resume) {
            config = Trainer.storedConfig(out);
            o.println("resuming " + out + " with its stored configuration (other training options are ignored)");
        } else {
            ModelSpec s = model.resolve();
            if (steps != null && epochs != null) throw Usage.error(spec, "give --steps or --epochs, not both");
            long n = steps != null ? steps : 1000;
            config = Usage.check(spec, () -> new TrainConfig(s, data == null ? null : data.toString(), n, epochs == null ? 0 : epochs, batch, lr, Math.min(warmup, (int) Math.min(n, Integer.MAX_VALUE)),
                    minLr, optimizer, weightDecay, loss, clip, seed, validateEvery, logEvery, valImages, valFraction));
        }
        ConsoleProgress progress = new ConsoleProgress(o, System.console() != null);
        RunSummary r;
        try {
            r = Trainer.run(config, out, resume, deviceOptions.apply(), progress);
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
        o.printf(Locale.ROOT, "validation: PSNR %.2f dB, SSIM %.4f over %d tiles (predicting the mean image: %.2f dB)%n",
                r.validationPsnr(), r.validationSsim(), r.validationTiles(), r.meanImagePsnr());
        if (r.skippedFiles() > 0) o.println("skipped files: " + r.skippedFiles());
        o.println("run folder: " + out + " (final.ckpt, metrics.jsonl, loss.png, psnr.png, reconstructions.png, summary.json)");
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
