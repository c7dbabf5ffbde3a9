package dev.hourglass.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data-parallel options without a group (no WORLD_SIZE in the test's environment) are a usage error, not silently ignored. */
class GroupOptionsCliTest {

    @Test
    void groupOptionsWithoutAGroupAreAUsageError(@TempDir Path dir) {
        CliRun r = CliRun.of("train", "--sync-bn", "--bucket-mb", "4", "--steps", "1", "--out", dir.resolve("run").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--sync-bn, --bucket-mb only apply to data-parallel training"), r.err());
        assertFalse(Files.exists(dir.resolve("run/last.ckpt")), "nothing was trained");
    }
}
