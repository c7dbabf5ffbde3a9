package dev.hourglass.cli;

import dev.hourglass.codec.Codec;
import dev.hourglass.codec.LearnedCodec;
import dev.hourglass.codec.ShippedModels;
import dev.hourglass.codec.StepCalibration;
import dev.hourglass.codec.format.HgFileV2;
import dev.hourglass.data.ImageLoadException;
import dev.hourglass.data.ImageReader;
import dev.hourglass.data.LoadedImage;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

@Command(name = "compress", mixinStandardHelpOptions = true,
        description = {"Compress grayscale images into .hg files: with the shipped models (no --checkpoint) or a trained model.",
                "compress IN.png OUT.hg, or compress -o DIR IMAGES-OR-FOLDERS... for many files (one model load, one line per file).",
                "Models with a learned entropy model (the shipped ones; format version 2) code with their frozen tables at the rate"
                        + " they were trained for; --quality/--bpp choose among the shipped models.",
                "A plain autoencoder (version 1): the image (any size, 8- or 16-bit) is reflect-padded to a multiple of the model's"
                        + " downsampling factor, encoded, quantised with step Δ (--step, or --quality 1..100, calibrated on the image: 100"
                        + " is the coarsest Δ within 0.1 dB of the model's own unquantised reconstruction, 1 is 4 × the latent's RMS,"
                        + " log-linear in between) and arithmetic-coded with one adaptive model per latent channel; values"
                        + " outside the file's symbol range are escaped, so no step is refused. The file size is the real cost,"
                        + " headers included. Format: FORMAT.md."})
final class CompressCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;

    static final class Rate {
        @Option(names = "--step", converter = Usage.PositiveNumber.class, description = "Quantisation step Δ.")
        Double step;
        @Option(names = "--quality", converter = Usage.Quality.class, description = "Quality 1..100 (default 50). With a step-quantised model,"
                + " calibrated on the image (central 256×256 crop): 100 = the coarsest Δ within 0.1 dB of the model's unquantised"
                + " reconstruction, 1 = 4 × the latent's RMS, Δ log-linear in between;"
                + " without --checkpoint it picks the shipped model nearest to a rate spread evenly on a log scale from the lowest shipped"
                + " rate (1) to the highest (100); 50 gives about their geometric mean.")
        Integer quality;
        @Option(names = "--bpp", paramLabel = "BITS", description = "Without --checkpoint: the shipped model whose measured rate on "
                + "held-out photos is closest to BITS per pixel.")
        Double bpp;
    }

    @ArgGroup(exclusive = true)
    Rate rate;
    @Option(names = "--include-skips", description = "For a model with skips: store the skip feature maps too.")
    boolean includeSkips;
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "IN.png OUT.hg; or, with -o, any number of images and folders.")
    List<Path> files;
    @Option(names = {"-o", "--out-dir"}, paramLabel = "DIR", description = "Compress every given image (and every image in a given "
            + "folder, recursively) to DIR/NAME.hg, several at once (--jobs), one line each as they finish; a file that fails is"
            + " named and skipped, and the exit code then says so (3).")
    Path outDir;
    @Option(names = "--jobs", paramLabel = "N", converter = Usage.Threads.class, description = FileWorkers.JOBS_HELP)
    Integer workerCount;

    @Override
    public void run() {
        String chosen = null;
        if (model.checkpoint == null) {
            ShippedModels shipped = ShippedModels.in(ShippedModels.defaultFolder());
            if (rate != null && rate.step != null) {
                throw Usage.error(spec, "--step applies to step-quantised models given with --checkpoint; the shipped models take --quality or --bpp");
            }
            ShippedModels.Entry e = rate != null && rate.bpp != null ? shipped.forBpp(rate.bpp)
                    : shipped.forQuality(rate != null && rate.quality != null ? rate.quality : 50);
            if (rate != null && rate.bpp != null) noteOutsideShippedRates(rate.bpp, shipped, e);
            model.checkpoint = e.checkpoint();
            chosen = e.name();
        } else if (rate != null && rate.bpp != null) {
            throw Usage.error(spec, "--bpp chooses among the shipped models; with --checkpoint give --step or --quality");
        }
        List<BatchFiles.Job> jobs = BatchFiles.jobs(spec, files, outDir, ".hg", BatchFiles::isImage);
        for (BatchFiles.Job j : jobs) Outputs.check(j.out());
        ModelSpec s = model.resolve();
        if (s.hasEntropyModel() && rate != null && (rate.step != null || rate.quality != null) && chosen == null) {
            throw new IllegalArgumentException("a model with a learned entropy model has one rate, set by its training λ; --step and --quality"
                    + " do not apply (train models at several λ, or use the shipped ones with --quality/--bpp)");
        }
        ModelRunner probe = model.probe(s, deviceOptions.apply(), 0);
        String name = chosen;
        FileWorkers workers = new FileWorkers(out(), spec.commandLine().getErr(), System.console() != null,
                e -> e instanceof IllegalArgumentException || e instanceof dev.hourglass.codec.CodecException);
        FileWorkers.Outcome o = workers.run(jobs, FileWorkers.workers(workerCount, jobs.size()), j -> compressOne(j, probe, s, name));
        if (o.failed() > 0) {
            throw new IllegalArgumentException(o.failed() + " of " + jobs.size() + " files could not be compressed (named above); the others were");
        }
    }

    /** One line on stderr when --bpp lies beyond every shipped model's rate by more than a quarter: the nearest one is used. */
    private void noteOutsideShippedRates(double bpp, ShippedModels shipped, ShippedModels.Entry used) {
        String side = bpp > shipped.highest().bpp() * 1.25 ? "above the highest" : bpp < shipped.lowest().bpp() / 1.25 ? "below the lowest" : null;
        if (side == null) return;
        spec.commandLine().getErr().printf(Locale.ROOT, "note: --bpp %s is %s rate of the shipped models; using %s, which measured %.3f bpp"
                + " on held-out photos (each image's rate depends on its content)%n",
                BigDecimal.valueOf(bpp).stripTrailingZeros().toPlainString(), side, used.name(), used.bpp());
    }

    private String compressOne(BatchFiles.Job job, ModelRunner probe, ModelSpec s, String chosen) {
        Path in = job.in();
        Path out = job.out();
        LoadedImage img = read(in);
        long t0 = System.nanoTime();
        double step = Double.NaN;
        String calibrated = "";
        if (!s.hasEntropyModel()) {
            if (rate != null && rate.step != null) {
                step = rate.step;
            } else if (s.hasSkips() && !includeSkips) {
                step = 1; // Codec.compress refuses this model without --include-skips, before the step matters
            } else {
                int quality = rate != null && rate.quality != null ? rate.quality : 50;
                StepCalibration cal = StepCalibration.of(probe, img.image(), includeSkips);
                step = cal.stepFor(quality);
                calibrated = String.format(Locale.ROOT, "; quality %d on this image's scale: quality 100 = Δ %.4g (the coarsest step within"
                        + " %.1f dB of the model's own %.2f dB), quality 1 = Δ %.4g (4 × the latent's RMS)", quality, cal.finest(),
                        StepCalibration.TOLERANCE_DB, cal.referencePsnr(), cal.coarsest());
            }
        }
        byte[] bytes = s.hasEntropyModel() ? LearnedCodec.compress(probe, img.image(), img.bitDepth())
                : Codec.compress(probe, img.image(), img.bitDepth(), step, includeSkips);
        double seconds = (System.nanoTime() - t0) / 1e9;
        BatchFiles.prepare(job);
        Outputs.writeBytes(out, bytes);
        long pixels = (long) img.image().width() * img.image().height();
        String how = chosen != null ? "model " + chosen : s.hasEntropyModel() ? "learned entropy model"
                : String.format(Locale.ROOT, "Δ = %.4g", step) + calibrated;
        return String.format(Locale.ROOT, "%s → %s: %,d bytes, %.4f bits per pixel (%s), %.2f s", in, out,
                bytes.length, bytes.length * 8.0 / pixels, how, seconds);
    }

    /** Reads an image for a verb; an unreadable file is bad input (exit 3) with the reader's message. */
    static LoadedImage read(Path p) {
        try {
            return ImageReader.read(p);
        } catch (ImageLoadException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
