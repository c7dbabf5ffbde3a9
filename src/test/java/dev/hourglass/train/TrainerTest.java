package dev.hourglass.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.Phantoms;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelSpec SMALL = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);

    private static TrainConfig config(long steps, String data, LossKind loss) {
        return new TrainConfig(SMALL, data, steps, 0, 4, 3e-3, 2, 0.1, OptimizerKind.ADAM, 0, loss, 1.0, 42, 3, 1, 4, 0.25);
    }

    private static List<Double> losses(Path run) throws Exception {
        List<Double> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = JSON.readTree(l);
            if (n.get("kind").asText().equals("train")) out.add(n.get("loss").asDouble());
        }
        return out;
    }

    @Test
    void sameSeedSameLossesAndAFullRunFolder(@TempDir Path dir) throws Exception {
        RunSummary a = Trainer.run(config(6, null, LossKind.MSE), dir.resolve("a"), false, DeviceChoice.CPU, Progress.SILENT);
        Trainer.run(config(6, null, LossKind.MSE), dir.resolve("b"), false, DeviceChoice.CPU, Progress.SILENT);
        assertEquals(losses(dir.resolve("a")), losses(dir.resolve("b")));
        assertEquals(6, losses(dir.resolve("a")).size());
        for (String f : List.of("last.ckpt", "final.ckpt", "checkpoints/step-000003.ckpt", "checkpoints/step-000006.ckpt",
                "metrics.jsonl", "summary.json")) {
            assertTrue(Files.exists(dir.resolve("a").resolve(f)), f);
        }
        for (String png : List.of("loss.png", "psnr.png", "reconstructions.png")) {
            assertNotNull(ImageIO.read(dir.resolve("a").resolve(png).toFile()), png);
        }
        JsonNode summary = JSON.readTree(Files.readString(dir.resolve("a").resolve("summary.json")));
        assertEquals(6, summary.get("steps").asLong());
        assertTrue(summary.get("validationPsnr").asDouble() > 0);
        assertEquals(a.validationPsnr(), summary.get("validationPsnr").asDouble(), 1e-12);
        assertEquals(SMALL, Checkpoint.load(dir.resolve("a").resolve("final.ckpt")).spec());
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> Trainer.run(config(6, null, LossKind.MSE), dir.resolve("a"), false, DeviceChoice.CPU, Progress.SILENT));
        assertTrue(again.getMessage().contains("already holds a run"));
    }

    /** One validation image: predicting the mean image is exact (infinite PSNR); the plot skips that line, nothing is lost. */
    @Test
    void oneValidationImageStillWritesPlotsAndSummary(@TempDir Path dir) throws Exception {
        TrainConfig one = new TrainConfig(SMALL, null, 2, 0, 1, 3e-3, 0, 0.1, OptimizerKind.ADAM, 0, LossKind.MSE, 1.0, 42, 2, 1, 1, 0.25);
        RunSummary s = Trainer.run(one, dir, false, DeviceChoice.CPU, Progress.SILENT);
        assertEquals(Double.POSITIVE_INFINITY, s.meanImagePsnr());
        for (String png : List.of("loss.png", "psnr.png", "reconstructions.png")) {
            assertNotNull(ImageIO.read(dir.resolve(png).toFile()), png);
        }
        JsonNode summary = JSON.readTree(Files.readString(dir.resolve("summary.json")));
        assertEquals(2, summary.get("steps").asLong());
        assertEquals("Infinity", summary.get("meanImagePsnr").asText());
    }

    /** Stops the loop at a step, like a kill after the last checkpoint. */
    static final class KillAt implements Progress {
        private final long step;

        KillAt(long step) {
            this.step = step;
        }

        @Override
        public void onStep(StepLog log, long total, double psnr) {
            if (log.step() == step) throw new IllegalStateException("killed");
        }

        @Override
        public void onValidation(ValidationLog log) {
        }

        @Override
        public void message(String text) {
        }
    }

    @Test
    void interruptedAndResumedEqualsUninterrupted(@TempDir Path dir) throws Exception {
        Trainer.run(config(9, null, LossKind.MSE), dir.resolve("whole"), false, DeviceChoice.CPU, Progress.SILENT);
        Path cut = dir.resolve("cut");
        assertThrows(IllegalStateException.class, () -> Trainer.run(config(9, null, LossKind.MSE), cut, false, DeviceChoice.CPU, new KillAt(5)));
        assertEquals(5, losses(cut).size(), "steps 4 and 5 ran after the checkpoint of step 3");
        TrainConfig stored = Trainer.storedConfig(cut);
        assertEquals(config(9, null, LossKind.MSE), stored);
        Trainer.run(stored, cut, true, DeviceChoice.CPU, Progress.SILENT);
        List<Double> whole = losses(dir.resolve("whole"));
        List<Double> resumed = losses(cut);
        assertEquals(whole.size(), resumed.size());
        for (int i = 0; i < whole.size(); i++) assertEquals(whole.get(i), resumed.get(i), 1e-6, "step " + (i + 1));
    }

    @Test
    void nonFiniteLossStopsAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        BatchSource poisoned = new BatchSource() {
            final PhantomBatches clean = new PhantomBatches(1, 4, 32);

            @Override
            public float[] batch(long step) {
                float[] b = clean.batch(step);
                if (step == 5) b[0] = Float.NaN;
                return b;
            }

            @Override
            public int batchSize() {
                return 4;
            }

            @Override
            public int imageSize() {
                return 32;
            }
        };
        RunData data = new RunData(poisoned, Phantoms.generate(2, 32, 3), -1, -1, List.of(), List.of(), "poisoned");
        TrainingStopped e = assertThrows(TrainingStopped.class,
                () -> Trainer.run(config(9, null, LossKind.MSE), data, dir, false, DeviceChoice.CPU, Progress.SILENT));
        assertEquals(5, e.step());
        assertTrue(e.getMessage().contains("last.ckpt still holds the last good weights"), e.getMessage());
        assertEquals(3, JSON.readTree(Checkpoint.load(dir.resolve("last.ckpt")).metaJson()).get("step").asLong());
    }

    @Test
    void folderRunsSkipAndCountCorruptFiles(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("images");
        Files.createDirectories(data);
        List<GrayImage> ph = Phantoms.generate(4, 48, 5);
        for (int i = 0; i < 4; i++) ImageFiles.writePng8(ph.get(i), data.resolve("p" + i + ".png"));
        Files.write(data.resolve("broken.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0});
        Files.write(data.resolve("empty.jpg"), new byte[0]);
        RunSummary s = Trainer.run(config(3, data.toString(), LossKind.L1), dir.resolve("run"), false, DeviceChoice.CPU, Progress.SILENT);
        assertEquals(2, s.skippedFiles());
        assertEquals(3, s.trainingImages());
        assertTrue(s.skipped().stream().anyMatch(r -> r.contains("broken.png")));
        TrainConfig epochs = new TrainConfig(SMALL, data.toString(), 1, 2, 4, 3e-3, 0, 0.1, OptimizerKind.ADAMW, 0.01, LossKind.MSE, 0, 1, 100, 10, 4, 0.25);
        RunSummary e = Trainer.run(epochs, dir.resolve("epochs"), false, DeviceChoice.CPU, Progress.SILENT);
        assertEquals((long) Math.ceil(2.0 * 3 * 48 * 48 / (4 * 32 * 32)), e.steps());
    }

    @Test
    void scheduleWarmsUpThenDecays() {
        LrSchedule s = new LrSchedule(1e-3, 10, 110, 0.1);
        assertEquals(1e-4, s.at(1), 1e-15);
        assertEquals(1e-3, s.at(10), 1e-15);
        assertEquals(0.55e-3, s.at(60), 1e-12);
        assertEquals(1e-4, s.at(110), 1e-15);
        // a run shorter than its warm-up still decays: the warm-up is capped at half the steps
        LrSchedule shortRun = new LrSchedule(1e-3, 50, 20, 0.1);
        assertEquals(10, shortRun.effectiveWarmup());
        assertEquals(1e-4, shortRun.at(1), 1e-15);
        assertEquals(1e-3, shortRun.at(10), 1e-15);
        assertEquals(1e-4, shortRun.at(20), 1e-15);
        assertTrue(shortRun.at(15) < shortRun.at(11) && shortRun.at(11) < 1e-3);
        LrSchedule oneStep = new LrSchedule(1e-3, 50, 1, 0.1);
        assertEquals(0, oneStep.effectiveWarmup());
        assertEquals(1e-4, oneStep.at(1), 1e-15, "a single step runs at the final rate");
        assertThrows(IllegalArgumentException.class, () -> config(0, null, LossKind.MSE));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainConfig(SMALL, null, 5, 2, 4, 1e-3, 0, 0, OptimizerKind.ADAM, 0, LossKind.MSE, 0, 0, 1, 1, 1, 0.1));
    }

    /** Resuming a finished run: rank 0 reports its summary.json, any other rank returns nothing to report (and prints nothing). */
    @Test
    void onlyRank0ReportsAFinishedRunOnResume(@TempDir Path dir) throws Exception {
        TrainConfig c = config(2, null, LossKind.MSE);
        Path run = dir.resolve("run");
        assertNotNull(Trainer.run(c, run, false, DeviceChoice.CPU, Progress.SILENT));
        RunData data = new RunData(new PhantomBatches(c.seed(), 8, 32), Phantoms.generate(2, 32, 3), -1, -1, List.of(), List.of(), "phantoms");
        try (DataParallel rank1 = new DataParallel(new SilentGroup(1, 2), 1 << 20, 1);
             DataParallel rank0 = new DataParallel(new SilentGroup(0, 2), 1 << 20, 1)) {
            assertEquals(null, Trainer.run(c, data, run, true, DeviceChoice.CPU, Progress.SILENT, m -> { }, rank1));
            assertNotNull(Trainer.run(c, data, run, true, DeviceChoice.CPU, Progress.SILENT, m -> { }, rank0));
        }
    }
}
