package dev.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.model.Normalization;
import dev.hourglass.model.Presets;
import dev.hourglass.spec.SpecFiles;
import dev.hourglass.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real processes on 127.0.0.1: a rank killed with SIGKILL, a resume after it, and rendezvous that cannot happen. */
class GroupFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKilledRankStopsTheOthersWithItsNameAndTheRunResumes(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("tiny.json");
        SpecFiles.write(Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32).withNorm(Normalization.NONE), spec);
        Path run = dir.resolve("run");
        String[] args = {"train", "--spec", spec.toString(), "--steps", "1000000", "--batch", "2", "--validate-every", "20",
                "--log-every", "10", "--threads", "1", "--val-images", "2", "--out", run.toString()};
        int port = Workers.freePort();
        Process rank0 = Workers.start(Workers.rank(0, 2, port), dir.resolve("r0.log"), args);
        Process rank1 = Workers.start(Workers.rank(1, 2, port), dir.resolve("r1.log"), args);
        try {
            long until = System.nanoTime() + 120_000_000_000L;
            while (!Files.exists(run.resolve("checkpoints/step-000040.ckpt")) && System.nanoTime() < until && rank0.isAlive()) Thread.sleep(100);
            assertTrue(Files.exists(run.resolve("checkpoints/step-000040.ckpt")), Files.readString(dir.resolve("r0.log")));
            rank1.destroyForcibly(); // SIGKILL, mid-step: the ranks are always inside a step or its all-reduce
            long killed = System.nanoTime();
            int code = Workers.waitFor(rank0, 90);
            double seconds = (System.nanoTime() - killed) / 1e9;
            String log = Files.readString(dir.resolve("r0.log"));
            assertEquals(ExitCodes.BACKEND, code, log);
            assertTrue(seconds <= 60, "rank 0 took " + seconds + " s to stop");
            List<String> errors = log.lines().filter(l -> l.startsWith("error:")).toList();
            assertEquals(1, errors.size(), log);
            assertTrue(errors.get(0).contains("rank 1 of the 2-rank group was lost"), errors.get(0));
        } finally {
            rank0.destroyForcibly();
            rank1.destroyForcibly();
        }
        long done = JSON.readTree(Checkpoint.load(run.resolve("last.ckpt")).metaJson()).get("step").asLong(); // checksum verified
        assertTrue(done >= 40 && done % 20 == 0, "last.ckpt at step " + done);

        int again = Workers.freePort();
        String[] resume = {"train", "--resume", "--steps", Long.toString(done + 10), "--threads", "1", "--out", run.toString()};
        Process r0 = Workers.start(Workers.rank(0, 2, again), dir.resolve("resume0.log"), resume);
        Process r1 = Workers.start(Workers.rank(1, 2, again), dir.resolve("resume1.log"), resume);
        assertEquals(0, Workers.waitFor(r0, 120), Files.readString(dir.resolve("resume0.log")));
        assertEquals(0, Workers.waitFor(r1, 60), Files.readString(dir.resolve("resume1.log")));
        List<Long> steps = DataParallelTrainingTest.trainLines(run.resolve("metrics.jsonl")).stream().map(n -> n.get("step").asLong()).toList();
        assertEquals(done + 10, steps.get(steps.size() - 1));
        assertEquals(steps.stream().distinct().count(), steps.size(), "no step logged twice: metrics were cut back to last.ckpt");
        assertTrue(Files.readString(dir.resolve("resume0.log")).contains("resuming after step " + done));
        assertEquals(done + 10, JSON.readTree(Files.readString(run.resolve("summary.json"))).get("steps").asLong());
    }

    @Test
    void aRendezvousThatCannotHappenFailsWithinItsTimeout(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("tiny.json");
        SpecFiles.write(Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32).withNorm(Normalization.NONE), spec);
        String[] args = {"train", "--spec", spec.toString(), "--steps", "5", "--batch", "2", "--threads", "1", "--join-timeout", "3"};
        int nobody = Workers.freePort();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // a worker whose MASTER_PORT has no rank 0 behind it
            Process lonely = Workers.start(Workers.rank(1, 2, nobody), dir.resolve("wrong-port.log"), concat(args, "--out", dir.resolve("a").toString()));
            // a rank 0 whose port another program (or group) already holds
            Process second = Workers.start(Workers.rank(0, 2, taken.getLocalPort()), dir.resolve("taken.log"),
                    concat(args, "--out", dir.resolve("b").toString()));
            // a master address that does not answer (TEST-NET-1, reserved for documentation)
            Map<String, String> env = new HashMap<>(Workers.rank(1, 2, nobody));
            env.put("MASTER_ADDR", "192.0.2.1");
            Process unreachable = Workers.start(env, dir.resolve("unreachable.log"), concat(args, "--out", dir.resolve("c").toString()));
            long t0 = System.nanoTime();
            assertEquals(ExitCodes.BACKEND, Workers.waitFor(lonely, 60), Files.readString(dir.resolve("wrong-port.log")));
            assertEquals(ExitCodes.BACKEND, Workers.waitFor(second, 60), Files.readString(dir.resolve("taken.log")));
            assertEquals(ExitCodes.BACKEND, Workers.waitFor(unreachable, 60), Files.readString(dir.resolve("unreachable.log")));
            assertTrue((System.nanoTime() - t0) / 1e9 < 60, "all three gave up well within a minute");
        }
        assertTrue(Files.readString(dir.resolve("wrong-port.log")).contains("no rendezvous at 127.0.0.1:" + nobody),
                Files.readString(dir.resolve("wrong-port.log")));
        assertTrue(Files.readString(dir.resolve("taken.log")).contains("is already in use"), Files.readString(dir.resolve("taken.log")));
        assertTrue(Files.readString(dir.resolve("unreachable.log")).contains("no rendezvous at 192.0.2.1"),
                Files.readString(dir.resolve("unreachable.log")));
    }

    private static String[] concat(String[] a, String... b) {
        return DataParallelTrainingTest.concat(a, b);
    }
}
