package dev.hourglass.cli;

import dev.hourglass.model.EntropyModelKind;
import dev.hourglass.model.ModelSpec;
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

/** train --init-from from the command line: a wider network is grown from a narrow run, and it is said so. */
class InitFromCliTest {

    private static final ModelSpec NARROW = Presets.FACTORIZED.withWidths(List.of(8, 8), 8).withImageSize(32)
            .withEntropyModel(EntropyModelKind.MEAN_SCALE);

    @Test
    void aWiderNetworkStartsFromTheNarrowRunsTensors(@TempDir Path dir) throws Exception {
        Path narrowSpec = dir.resolve("narrow.json");
        Path wideSpec = dir.resolve("wide.json");
        SpecFiles.write(NARROW, narrowSpec);
        SpecFiles.write(NARROW.withWidths(List.of(8, 16), 12), wideSpec);
        Path narrow = dir.resolve("narrow");
        CliRun first = CliRun.of("train", "--spec", narrowSpec.toString(), "--steps", "2", "--batch", "2", "--out", narrow.toString());
        assertEquals(0, first.code(), first.err());

        CliRun grown = CliRun.of("train", "--spec", wideSpec.toString(), "--init-from", narrow.resolve("final.ckpt").toString(),
                "--steps", "2", "--batch", "2", "--out", dir.resolve("wide").toString());
        assertEquals(0, grown.code(), grown.err());
        assertTrue(grown.out().contains("widened from narrower ones (old channels kept"), grown.out());
        assertTrue(Files.isRegularFile(dir.resolve("wide/final.ckpt")));

        CliRun same = CliRun.of("train", "--spec", narrowSpec.toString(), "--init-from", narrow.resolve("final.ckpt").toString(),
                "--steps", "1", "--batch", "2", "--out", dir.resolve("again").toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("starting from the weights of"), same.out());
        assertFalse(same.out().contains("widened"), same.out());
    }
}
