package dev.hourglass.cli;

import dev.hourglass.model.Presets;
import dev.hourglass.spec.SpecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Work whose estimated memory exceeds what the machine has available is refused before it starts (exit 3). */
class MemoryBudgetCliTest {

    /** backend.ProcessMemory.AVAILABLE_PROPERTY: replaces MemAvailable, so the test can play a small machine. */
    private static final String AVAILABLE = "hourglass.memAvailableBytes";

    private static CliRun onAMachineWith(long bytes, String... args) {
        System.setProperty(AVAILABLE, Long.toString(bytes));
        try {
            return CliRun.of(args);
        } finally {
            System.clearProperty(AVAILABLE);
        }
    }

    @Test
    void aSmallMachineRefusesWhatItCannotHold(@TempDir Path dir) throws Exception {
        // 4×1×256×256 through the baseline: about 0.4 GB of activations, more than 64 MiB
        CliRun summary = onAMachineWith(64L << 20, "summary");
        assertEquals(3, summary.code(), summary.out() + summary.err());
        assertTrue(summary.err().startsWith("error: a forward pass of an input (4, 1, 256, 256) needs an estimated")
                && summary.err().contains("MemAvailable") && summary.err().contains("64.0 MiB"), summary.err());
        assertEquals(1, summary.err().strip().lines().count(), summary.err());
        Path run = dir.resolve("run");
        CliRun train = onAMachineWith(64L << 20, "train", "--steps", "1", "--batch", "8", "--out", run.toString());
        assertEquals(3, train.code(), train.out() + train.err());
        assertTrue(train.err().contains("training with --batch 8 of 256×256 crops needs an estimated"), train.err());
        assertFalse(Files.exists(run), "refused before the run folder is made");
        assertEquals(0, onAMachineWith(64L << 30, "summary", "--format", "csv").code(), "64 GiB are enough");
    }

    /** The requests of the review, on this machine: each refused at once instead of growing until the OS kills it. */
    @Test
    void hugeRequestsAreRefusedAtOnce(@TempDir Path dir) throws Exception {
        CliRun summary = CliRun.of("summary", "--input", "1x1x65536x65536");
        assertEquals(3, summary.code(), summary.err());
        assertTrue(summary.err().contains("needs an estimated") && summary.err().contains("TiB"), summary.err());
        CliRun bench = CliRun.of("bench", "--size", "65536");
        assertEquals(3, bench.code(), bench.err());
        assertTrue(bench.err().contains("bench of baseline at batch 8 and size 65536 needs an estimated"), bench.err());
        CliRun train = CliRun.of("train", "--batch", "4096", "--steps", "1", "--out", dir.resolve("run").toString());
        assertEquals(3, train.code(), train.err());
        assertTrue(train.err().contains("--batch 4096"), train.err());
        Path wide = dir.resolve("wide.json");
        SpecFiles.write(Presets.BASELINE.withWidths(List.of(4096, 8192, 16384), 16384), wide);
        CliRun spec = CliRun.of("summary", "--spec", wide.toString());
        assertEquals(3, spec.code(), spec.err());
        assertTrue(spec.err().contains("building the model needs an estimated"), spec.err());
    }
}
