package dev.hourglass.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Usage errors of train's data-parallel and streaming options: group options without a group (no WORLD_SIZE in the test's
 * environment) are refused rather than ignored, and --stream-cache-mb has a bound.
 */
class GroupOptionsCliTest {

    @Test
    void groupOptionsWithoutAGroupAreAUsageError(@TempDir Path dir) {
        CliRun r = CliRun.of("train", "--sync-bn", "--bucket-mb", "4", "--steps", "1", "--out", dir.resolve("run").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--sync-bn, --bucket-mb only apply to data-parallel training"), r.err());
        assertFalse(Files.exists(dir.resolve("run/last.ckpt")), "nothing was trained");
    }

    @Test
    void aStreamCacheBeyondSixteenTebibytesIsAUsageError(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        // 2^44 MiB would overflow to 0 bytes when turned into bytes
        CliRun r = CliRun.of("train", "--data", data.toString(), "--stream-cache-mb", Long.toString(1L << 44), "--steps", "1", "--out",
                dir.resolve("run").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--stream-cache-mb must be at most 16777216"), r.err());
    }
}
