package dev.hourglass.cli;

import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.model.Normalization;
import dev.hourglass.model.Presets;
import dev.hourglass.spec.SpecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --nproc}: the launcher exits with its failing worker's code, and --epochs counts the global batch. */
class LocalLauncherTest {

    private static final Pattern EPOCH_STEPS = Pattern.compile("(\\d+) steps make the requested epochs over (\\d+) training pixels");

    /** A worker's usage error (found by the worker, not the launcher) exits 2, as it would without --nproc, not 3. */
    @Test
    void theLauncherExitsWithItsFailingWorkersCode(@TempDir Path dir) {
        CliRun r = CliRun.of("train", "--nproc", "2", "--threads", "1", "--stream-cache-mb", "8", "--steps", "2", "--out",
                dir.resolve("run").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--stream-cache-mb needs --data"), r.err());
        assertTrue(r.err().contains("error: worker rank ") && r.err().contains("exited with code 2"), r.err());
    }

    /** One process of batch 8 and two ranks of batch 4 see the same global batch, so --epochs 1 makes the same steps. */
    @Test
    void epochsCountTheGlobalBatch(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("tiny.json");
        SpecFiles.write(Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32).withNorm(Normalization.NONE), spec);
        Path data = Files.createDirectories(dir.resolve("data"));
        Random rnd = new Random(3);
        for (int k = 0; k < 5; k++) {
            float[] px = new float[96 * 96];
            for (int i = 0; i < px.length; i++) px[i] = rnd.nextFloat();
            ImageFiles.writePng8(new GrayImage(96, 96, px), data.resolve("noise" + k + ".png"));
        }
        String[] common = {"train", "--spec", spec.toString(), "--data", data.toString(), "--epochs", "1", "--threads", "1",
                "--val-images", "2"};
        Process group = Workers.start(Map.of(), dir.resolve("group.log"),
                DataParallelTrainingTest.concat(common, "--batch", "4", "--nproc", "2", "--out", dir.resolve("two").toString()));
        CliRun single = CliRun.of(DataParallelTrainingTest.concat(common, "--batch", "8", "--out", dir.resolve("one").toString()));
        int code = Workers.waitFor(group, 120);
        String log = Files.readString(dir.resolve("group.log"));
        assertEquals(0, single.code(), single.out() + single.err());
        assertEquals(0, code, log);

        Matcher one = EPOCH_STEPS.matcher(single.out() + single.err());
        Matcher two = EPOCH_STEPS.matcher(log);
        assertTrue(one.find(), single.out() + single.err());
        assertTrue(two.find(), log);
        long steps = Long.parseLong(one.group(1));
        assertTrue(steps >= 3, "a few steps per epoch: " + steps);
        assertEquals(one.group(2), two.group(2), "both see the same training pixels");
        assertEquals(steps, Long.parseLong(two.group(1)), "2 ranks × batch 4 take as many steps per epoch as 1 × batch 8");
    }

    /** The port found free is taken by another program before rank 0 binds it: the launcher starts the group once more. */
    @Test
    void aPortTakenBeforeRank0BindsItIsReplacedOnce(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("tiny.json");
        SpecFiles.write(Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32).withNorm(Normalization.NONE), spec);
        try (ServerSocket thief = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int free = LocalLauncher.freePort();
            int[] ports = {thief.getLocalPort(), free};
            int[] asked = {0};
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            List<String> args = List.of("train", "--spec", spec.toString(), "--steps", "2", "--batch", "2", "--threads", "1",
                    "--val-images", "1", "--out", dir.resolve("run").toString());
            long t0 = System.nanoTime();
            LocalLauncher.run(2, args, new java.io.PrintWriter(out), new java.io.PrintWriter(err), () -> ports[asked[0]++]);
            assertTrue((System.nanoTime() - t0) / 1e9 < 60, "the first group was not left to its join timeout");
            assertTrue(out.toString().contains("port " + ports[0] + " was taken before rank 0 could bind it: starting the workers again on port "
                    + free), out + "\n" + err);
            assertTrue(Files.exists(dir.resolve("run/final.ckpt")), out + "\n" + err);
        }
    }
}
