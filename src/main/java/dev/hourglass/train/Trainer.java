package dev.hourglass.train;

import dev.hourglass.model.ModelSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hourglass.backend.AtomicFiles;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Devices;
import dev.hourglass.backend.Torch;
import dev.hourglass.runtime.MemoryBudget;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.SkippedFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop. A run folder holds: last.ckpt (latest checkpoint, replaced atomically),
 * checkpoints/step-N.ckpt, final.ckpt, metrics.jsonl, loss.png, psnr.png, reconstructions.png and
 * summary.json. Batches are a function of (seed, step) and the schedule a function of step, so
 * {@code resume} from last.ckpt reproduces the uninterrupted run.
 */
public final class Trainer {

    public static final String VERSION = "0.1.0";
    static final ObjectMapper JSON = new ObjectMapper();

    private Trainer() {
    }

    /** What a run folder's last checkpoint says: the run's config and the steps done. */
    public record Stored(TrainConfig config, long stepsDone, int worldSize, boolean streamed) {
    }

    /** Reads the training config stored in a run folder's last checkpoint. */
    public static TrainConfig storedConfig(Path runDir) {
        return stored(runDir).config();
    }

    /** Reads the training config and step stored in a run folder's last checkpoint. */
    public static Stored stored(Path runDir) {
        Path last = runDir.resolve("last.ckpt");
        if (!Files.isRegularFile(last)) {
            throw new CheckpointException(runDir + ": no last.ckpt to resume from");
        }
        try {
            JsonNode meta = JSON.readTree(Checkpoint.load(last).metaJson());
            return new Stored(JSON.treeToValue(meta.get("config"), TrainConfig.class), meta.get("step").asLong(),
                    meta.has("worldSize") ? meta.get("worldSize").asInt() : 1, meta.has("streamed") && meta.get("streamed").asBoolean());
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new CheckpointException(last + ": cannot read its training config: " + e.getMessage());
        }
    }

    public static RunSummary run(TrainConfig c, Path runDir, boolean resume, DeviceChoice device, Progress progress) throws IOException {
        return run(c, runDir, resume, device, progress, m -> { });
    }

    /**
     * @param beforeCheckpoint runs on the model before each checkpoint is written (the codec freezes
     *                         an entropy model's tables there, so every checkpoint can compress)
     */
    public static RunSummary run(TrainConfig c, Path runDir, boolean resume, DeviceChoice device, Progress progress,
                                 java.util.function.Consumer<dev.hourglass.model.Autoencoder> beforeCheckpoint) throws IOException {
        return run(c, runDir, resume, device, progress, beforeCheckpoint, null);
    }

    /**
     * @param group the data-parallel group this process is a rank of, or null for a single process. {@code c.batch()}
     *              is then the batch of each rank; rank 0 alone writes to the run folder, and the others return null.
     */
    public static RunSummary run(TrainConfig c, Path runDir, boolean resume, DeviceChoice device, Progress progress,
                                 java.util.function.Consumer<dev.hourglass.model.Autoencoder> beforeCheckpoint,
                                 DataParallel group) throws IOException {
        return run(c, runDir, resume, device, progress, beforeCheckpoint, group, 0);
    }

    /**
     * @param streamCacheBytes above 0: the folder of {@code c.data()} is streamed, each rank decoding its shard of the
     *                         files on demand and keeping at most this many bytes of decoded images; 0 decodes it whole
     */
    public static RunSummary run(TrainConfig c, Path runDir, boolean resume, DeviceChoice device, Progress progress,
                                 java.util.function.Consumer<dev.hourglass.model.Autoencoder> beforeCheckpoint,
                                 DataParallel group, long streamCacheBytes) throws IOException {
        Torch.load();
        Devices.name(device); // --device cuda without CUDA fails here, before anything is created
        int side = c.spec().imageSize();
        MemoryBudget.require(c.spec(), c.batch(), side, side, MemoryBudget.Mode.TRAINING,
                "training with --batch " + c.batch() + " of " + side + "×" + side + " crops");
        int world = group == null ? 1 : group.size();
        if (resume && stored(runDir).worldSize() != world) {
            throw new IllegalArgumentException(runDir + " was trained by " + stored(runDir).worldSize() + " rank(s); resume it with as many"
                    + " (the global batch, and so every step, depends on it), not " + world);
        }
        if (resume && stored(runDir).streamed() != (streamCacheBytes > 0)) {
            throw new IllegalArgumentException(runDir + " was trained " + (stored(runDir).streamed() ? "with" : "without")
                    + " --stream-cache-mb; resume it the same way (the batches depend on it)");
        }
        int rank = group == null ? 0 : group.rank();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        if (group != null && !group.isLeader()) { // the leader owns the run folder; the others only read last.ckpt on --resume
            if (!resume && Files.exists(runDir.resolve("last.ckpt"))) {
                throw new IllegalArgumentException(runDir + " already holds a run (last.ckpt); continue it with --resume or choose another --out");
            }
            RunData data = streamCacheBytes > 0 ? RunData.streamed(c, rank, world, streamCacheBytes) : RunData.of(c, threads, world);
            return run(c, data, runDir, resume, device, progress, beforeCheckpoint, group);
        }
        try (RunFolder lock = RunFolder.lock(runDir)) {
            Path last = runDir.resolve("last.ckpt");
            if (!resume && Files.exists(last)) {
                throw new IllegalArgumentException(runDir + " already holds a run (last.ckpt); continue it with --resume or choose another --out");
            }
            List<String> stale = RunFolder.removeStaleTemporaries(runDir);
            if (!stale.isEmpty()) {
                progress.message("removed " + stale.size() + " stale temporary file(s) of an interrupted run: " + String.join(", ", stale));
            }
            RunData data = streamCacheBytes > 0 ? RunData.streamed(c, rank, world, streamCacheBytes) : RunData.of(c, threads, world);
            return run(c, data, runDir, resume, device, progress, beforeCheckpoint, group);
        }
    }

    static RunSummary run(TrainConfig c, RunData data, Path runDir, boolean resume, DeviceChoice device, Progress progress) throws IOException {
        return run(c, data, runDir, resume, device, progress, m -> { }, null);
    }

    /** The loop over given data (tests pass their own batch sources). */
    static RunSummary run(TrainConfig c, RunData data, Path runDir, boolean resume, DeviceChoice device, Progress progress,
                          java.util.function.Consumer<dev.hourglass.model.Autoencoder> beforeCheckpoint, DataParallel group) throws IOException {
        Path last = runDir.resolve("last.ckpt");
        boolean leader = group == null || group.isLeader();
        int rank = group == null ? 0 : group.rank();
        int world = group == null ? 1 : group.size();
        if (leader) Files.createDirectories(runDir.resolve("checkpoints"));
        else progress = Progress.SILENT;
        c = resolveEpochs(c, data, world, progress);
        for (SkippedFile s : data.skipped()) progress.message("skipped " + s.reason());
        progress.message("data: " + data.description());
        long start = resume ? stepsDone(last) + 1 : 1;
        if (resume && start > c.steps()) {
            progress.message("the run is already finished at step " + (start - 1) + " of " + c.steps()
                    + "; nothing to train (give --steps above " + (start - 1) + " to extend it)");
            RunSummary done = readSummary(runDir);
            if (done != null) return leader ? done : null; // rank 0 reports, as at the end of a run
            progress.message("summary.json is missing (killed before it was written): validating the last checkpoint to write it");
        }
        TrainableModel t = begin(c, runDir, start, device, progress, leader);
        if (group != null) {
            group.startFromLeader(t.model());
            t.sync(group);
            group.attach(t);
            progress.message("data-parallel: " + world + " ranks, each on " + c.batch() + " of every global batch of " + c.batch() * world
                    + " images; weights broadcast from rank 0 and fingerprints equal");
        }
        BatchSource batchSource = data.batches().forRank(rank, world);
        LrSchedule schedule = new LrSchedule(c.lr(), c.warmupSteps(), c.steps(), c.minLrFraction());
        if (schedule.effectiveWarmup() < c.warmupSteps()) {
            progress.message("warm-up capped at " + schedule.effectiveWarmup() + " steps (half of the " + c.steps()
                    + " steps, not --warmup " + c.warmupSteps() + ") so that the learning rate decays to its final value");
        }
        MetricsFile metrics = new MetricsFile(runDir.resolve("metrics.jsonl"));
        progress.onStart(start);
        int size = c.spec().imageSize();
        long t0 = System.nanoTime();
        long windowStart = t0;
        long windowSteps = 0;
        double lastLoss = Double.NaN;
        double lastPsnr = Double.NaN;
        Validation.Scores scores = null;
        try (Prefetcher batches = new Prefetcher(batchSource, start, c.steps(), 4)) {
            for (long step = start; step <= c.steps(); step++) {
                double lr = schedule.at(step);
                float[] x = batches.take(step);
                if (group != null) group.beforeStep(t.model(), step);
                // each rank draws its own noise (rank 0 the noise a single process would)
                long noiseSeed = BatchSource.mix(c.seed(), step) ^ 0x6e6f697365L ^ (rank == 0 ? 0 : BatchSource.mix(rank, -step));
                StepResult r = c.spec().hasEntropyModel()
                        ? t.stepRateDistortion(x, c.batch(), size, size, lr, c.lambda(), c.clipNorm(), noiseSeed, c.distortion())
                        : t.step(x, c.batch(), size, size, lr, c.loss(), c.clipNorm());
                if (!r.finite()) throw stopped(step, r, Files.exists(last));
                if (!leader) continue; // rank 0 alone logs, validates and checkpoints
                lastLoss = r.loss();
                windowSteps++;
                double elapsed = (System.nanoTime() - t0) / 1e9;
                if (step % c.logEvery() == 0 || step == c.steps()) {
                    double window = (System.nanoTime() - windowStart) / 1e9;
                    StepLog log = new StepLog("train", step, r.loss(), lr, r.gradNorm(), windowSteps * c.batch() * world / window,
                            batches.waitedSeconds() / elapsed, elapsed, Double.isNaN(r.bpp()) ? null : r.bpp(),
                            Double.isNaN(r.mse()) ? null : r.mse(), Double.isNaN(r.msSsim()) ? null : r.msSsim());
                    metrics.append(log);
                    progress.onStep(log, c.steps(), lastPsnr);
                    windowStart = System.nanoTime();
                    windowSteps = 0;
                }
                if (step % c.validateEvery() == 0 || step == c.steps()) {
                    scores = Validation.score(data.validationTiles(), 8, t::reconstructSquare);
                    lastPsnr = scores.psnr();
                    ValidationLog v = new ValidationLog("validation", step, scores.psnr(), scores.ssim(), data.validationTiles().size(),
                            (System.nanoTime() - t0) / 1e9, c.spec().hasEntropyModel() ? Validation.estimatedBpp(data.validationTiles(), 8, t) : null);
                    metrics.append(v);
                    progress.onValidation(v);
                    beforeCheckpoint.accept(t.model());
                    checkpoint(t, c, step, runDir, world, data.batches() instanceof StreamedCrops, group != null && group.syncBatchNorm());
                }
            }
            if (!leader) return null;
            if (scores == null) { // nothing trained in this process: score the checkpoint, take the last loss from metrics.jsonl
                scores = Validation.score(data.validationTiles(), 8, t::reconstructSquare);
                List<StepLog> logged = metrics.steps();
                if (!logged.isEmpty()) lastLoss = logged.get(logged.size() - 1).loss();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            return finish(t, c, data, runDir, metrics, new Outcome(lastLoss, scores, c.steps() - start + 1, wall,
                    batches.waitedSeconds() / wall, resume), device, world);
        }
    }

    /** The summary.json of a finished run, or null when it is missing or unreadable. */
    private static RunSummary readSummary(Path runDir) {
        Path f = runDir.resolve("summary.json");
        if (!Files.isRegularFile(f)) return null;
        try {
            return JSON.readValue(f.toFile(), RunSummary.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** With {@code epochs} set, the steps they make over this data; a step of a group sees {@code batch × world} crops. */
    private static TrainConfig resolveEpochs(TrainConfig c, RunData data, int world, Progress progress) {
        if (c.epochs() <= 0) return c;
        long perStep = (long) c.batch() * world * c.spec().imageSize() * c.spec().imageSize();
        TrainConfig resolved = c.withSteps(Math.max(1, (c.epochs() * data.trainingPixels() + perStep - 1) / perStep));
        progress.message(resolved.steps() + " steps make the requested epochs over " + data.trainingPixels() + " training pixels");
        return resolved;
    }

    private static long stepsDone(Path last) throws IOException {
        return JSON.readTree(Checkpoint.load(last).metaJson()).get("step").asLong();
    }

    /** A fresh model (step 1), or the run's last checkpoint with its metrics cut back to it. */
    private static TrainableModel begin(TrainConfig c, Path runDir, long start, DeviceChoice device, Progress progress,
                                        boolean leader) throws IOException {
        if (start == 1) {
            c.requireSupportedLoss(); // a stored run resumes with the loss it trained on
            if (leader) Files.deleteIfExists(runDir.resolve("metrics.jsonl"));
            if (c.initCheckpoint() != null) {
                Path init = Path.of(c.initCheckpoint());
                Checkpoint.Loaded source = Checkpoint.load(init); // read once: fine-tuned whole, or its matching tensors taken
                if (sameNetwork(source.spec(), c.spec())) {
                    progress.message("starting from the weights of " + c.initCheckpoint());
                    return TrainableModel.fromWeights(source.model(), c.optimizer(), c.lr(), c.weightDecay(), device);
                }
                TrainableModel.WarmStart w = TrainableModel.warmStart(c.spec(), source.model(), c.optimizer(), c.lr(), c.weightDecay(), device,
                        c.seed());
                progress.message("starting from " + tensors(w.copied().size()) + " of " + c.initCheckpoint() + " whose names and shapes match; "
                        + (w.widened().isEmpty() ? "" : tensors(w.widened().size()) + " widened from narrower ones (old channels kept, new"
                        + " ones seeded, new latent channels and new inputs into old channels zero); ")
                        + tensors(w.fresh().size()) + (w.fresh().size() == 1 ? " keeps its" : " keep their") + " initialisation"
                        + (w.fresh().isEmpty() ? "" : ": " + String.join(", ", w.fresh())));
                return w.model();
            }
            return TrainableModel.create(c.spec(), c.optimizer(), c.lr(), c.weightDecay(), device, c.seed());
        }
        TrainableModel t = TrainableModel.resume(runDir.resolve("last.ckpt"), c.optimizer(), c.lr(), c.weightDecay(), device);
        if (leader) MetricsFile.truncateAfter(runDir.resolve("metrics.jsonl"), start - 1);
        progress.message("resuming after step " + (start - 1) + " of " + c.steps());
        return t;
    }

    private static String tensors(int n) {
        return n == 1 ? "1 tensor" : n + " tensors";
    }

    /** Whether a checkpoint of {@code a} can be fine-tuned as {@code b}: the same network, whatever the image size. */
    private static boolean sameNetwork(ModelSpec a, ModelSpec b) {
        try {
            return a.withImageSize(b.imageSize()).equals(b);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static TrainingStopped stopped(long step, StepResult r, boolean checkpointWritten) {
        boolean lossFinite = Double.isFinite(r.loss());
        return new TrainingStopped("step " + step + ": the " + (lossFinite ? "gradient norm" : "loss")
                + " is " + (lossFinite ? r.gradNorm() : r.loss()) + "; the optimiser did not take this step and "
                + (checkpointWritten ? "last.ckpt still holds the last good weights" : "no checkpoint had been written yet")
                + " (try a lower --lr or --clip)", step, r.gradients());
    }

    /** How the loop ended: last loss, last validation, steps trained in this process, wall seconds, share waiting for data. */
    private record Outcome(double lastLoss, Validation.Scores scores, long trained, double wall, double waitShare, boolean resumed) {
    }

    /** final.ckpt, plots, reconstructions and summary.json. */
    private static RunSummary finish(TrainableModel t, TrainConfig c, RunData data, Path runDir, MetricsFile metrics, Outcome o,
                                     DeviceChoice device, int world) throws IOException {
        AtomicFiles.copy(runDir.resolve("last.ckpt"), runDir.resolve("final.ckpt"));
        double meanImagePsnr = Validation.meanImagePsnr(data.validationTiles());
        Validation.Scores scores = o.scores();
        RunSummary summary = new RunSummary(VERSION, Torch.version(), Devices.name(device), Torch.threads(), c, c.steps(), o.lastLoss(),
                scores == null ? Double.NaN : scores.psnr(), scores == null ? Double.NaN : scores.ssim(), meanImagePsnr,
                data.validationTiles().size(), o.trained() * c.batch() * world / o.wall(), o.wall(), o.waitShare(),
                data.trainingImages(), data.validationFiles(), data.skipped().size(), data.skipped().stream().map(SkippedFile::reason).toList(),
                o.resumed(), Instant.now().toString());
        AtomicFiles.writeString(runDir.resolve("summary.json"),
                JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");
        // the figures after the summary: they are derived from what is already written
        Plots.loss(metrics.steps(), runDir.resolve("loss.png"));
        Plots.psnr(metrics.validations(), meanImagePsnr, runDir.resolve("psnr.png"));
        List<GrayImage> shown = data.validationTiles().subList(0, Math.min(4, data.validationTiles().size()));
        int size = c.spec().imageSize();
        ReconstructionGrid.write(shown, t.reconstructSquare(GrayImage.stack(shown), shown.size(), size), runDir.resolve("reconstructions.png"));
        return summary;
    }

    /** last.ckpt, replaced atomically, and a copy as checkpoints/step-N.ckpt. */
    private static void checkpoint(TrainableModel t, TrainConfig c, long step, Path runDir, int world, boolean streamed,
                                   boolean syncBatchNorm) throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("hourglass", VERSION);
        meta.put("libtorch", Torch.version());
        meta.put("date", Instant.now().toString());
        meta.put("step", step);
        meta.put("worldSize", world); // config.batch is per rank: the global batch is batch × worldSize
        meta.put("syncBatchNorm", syncBatchNorm);
        meta.put("streamed", streamed); // each rank's crops from its shard of the files (StreamedCrops), not from the whole set
        meta.put("config", c);
        meta.put("randomState", Map.of("seed", c.seed(), "step", step,
                "note", "training batches are drawn from (seed, step); no other random source is used after initialisation"));
        Path last = runDir.resolve("last.ckpt");
        t.save(JSON.writeValueAsString(meta), last);
        AtomicFiles.copy(last, runDir.resolve("checkpoints").resolve(String.format("step-%06d.ckpt", step)));
    }

}
