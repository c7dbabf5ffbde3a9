package dev.hourglass.cli;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.model.Presets;
import dev.hourglass.spec.SpecFiles;
import dev.hourglass.train.LossKind;
import dev.hourglass.train.OptimizerKind;
import dev.hourglass.train.Progress;
import dev.hourglass.train.StepLog;
import dev.hourglass.train.TrainConfig;
import dev.hourglass.train.Trainer;
import dev.hourglass.train.ValidationLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run folder of 'train': one run at a time, nothing created before the device is known, stale temporaries removed. */
class RunFolderCliTest {

    private static final dev.hourglass.model.ModelSpec SMALL = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);

    private static Path spec(Path dir) throws Exception {
        Path spec = dir.resolve("small.json");
        SpecFiles.write(SMALL, spec);
        return spec;
    }

    /** Holds the loop at its first logged step until released. */
    private static final class Hold implements Progress {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void onStep(StepLog log, long total, double psnr) {
            reached.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onValidation(ValidationLog log) {
        }

        @Override
        public void message(String text) {
        }
    }

    @Test
    void aSecondTrainIntoAFolderInUseIsRefused(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        TrainConfig c = new TrainConfig(SMALL, null, 2, 0, 2, 3e-3, 0, 0.1, OptimizerKind.ADAM, 0, LossKind.MSE, 1.0, 1, 2, 1, 2, 0.25);
        Hold hold = new Hold();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = pool.submit(() -> Trainer.run(c, run, false, DeviceChoice.CPU, hold));
            assertTrue(hold.reached.await(120, TimeUnit.SECONDS), "the first run reached its first step");
            CliRun second = CliRun.of("train", "--spec", spec(dir).toString(), "--steps", "2", "--out", run.toString());
            hold.release.countDown();
            first.get(120, TimeUnit.SECONDS);
            assertEquals(3, second.code(), second.err() + second.out());
            assertTrue(second.err().startsWith("error: ") && second.err().contains("in use by")
                    && second.err().contains(String.valueOf(ProcessHandle.current().pid())), second.err());
            assertEquals(1, second.err().strip().lines().count(), second.err());
            long trainLines = Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> l.contains("\"train\"")).count();
            assertEquals(2, trainLines, "only the first run wrote metrics.jsonl");
        } finally {
            hold.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void cudaWithoutCudaCreatesNoRunFolder(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("train", "--spec", spec(dir).toString(), "--steps", "1", "--device", "cuda", "--out", run.toString());
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("--device cuda"), r.err());
        assertFalse(Files.exists(run), "nothing is created before the device is known");
    }

    @Test
    void staleTemporariesOfAKilledRunAreRemovedAndOthersKept(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run.resolve("checkpoints"));
        List<String> ours = List.of(".optimizer1234567.tmp", ".last.ckpt987654.tmp", ".summary.json55.tmp",
                "checkpoints/.step-000002.ckpt42.tmp");
        List<String> theirs = List.of(".notes.tmp", "mine.tmp", ".last.ckpt.bak", "checkpoints/.mine.tmp");
        for (String f : ours) Files.writeString(run.resolve(f), "partial");
        for (String f : theirs) Files.writeString(run.resolve(f), "keep");
        CliRun r = CliRun.of("train", "--spec", spec(dir).toString(), "--steps", "1", "--batch", "2", "--val-images", "2",
                "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : ours) assertFalse(Files.exists(run.resolve(f)), f);
        for (String f : theirs) assertTrue(Files.exists(run.resolve(f)), f);
        assertTrue(r.out().contains("removed 4 stale temporary file(s)"), r.out());
    }
}
