package dev.hourglass.model;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.Shape;
import dev.hourglass.runtime.ForwardResult;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.Checkpoint;
import dev.hourglass.train.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {

    @Test
    void roundTripKeepsSpecWeightsAndOutputs(@TempDir Path dir) throws Exception {
        ModelSpec spec = Presets.get("unet-residual").withWidths(java.util.List.of(8, 16), 8).withImageSize(32);
        ModelRunner a = ModelRunner.build(spec, DeviceChoice.CPU, 11);
        Path f = dir.resolve("m.ckpt");
        Checkpoint.save(a.model(), "{\"note\":\"test\"}", f);
        Checkpoint.Loaded c = Checkpoint.load(f);
        assertEquals(spec, c.spec());
        assertEquals("{\"note\":\"test\"}", c.metaJson());
        ModelRunner b = ModelRunner.of(c.model(), DeviceChoice.CPU);
        ForwardResult ra = a.forward(Shape.of(2, 1, 32, 32), 3);
        ForwardResult rb = b.forward(Shape.of(2, 1, 32, 32), 3);
        assertEquals(ra.outputMean(), rb.outputMean());
        assertEquals(ra.outputMax(), rb.outputMax());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void corruptTruncatedAndForeignFilesAreClearErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.ckpt");
        Checkpoint.save(ModelRunner.build(Presets.BASELINE.withImageSize(32), DeviceChoice.CPU, 1).model(), "{}", f);
        byte[] bytes = Files.readAllBytes(f);
        Path truncated = dir.resolve("truncated.ckpt");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertMessage(truncated, "not a readable checkpoint");
        Path garbage = dir.resolve("garbage.ckpt");
        Files.writeString(garbage, "hello");
        assertMessage(garbage, "not a readable checkpoint");
        Path empty = dir.resolve("empty.ckpt");
        Files.write(empty, new byte[0]);
        assertMessage(empty, "not a readable checkpoint");
        assertMessage(dir.resolve("missing.ckpt"), "no such checkpoint file");
    }

    @Test
    void flippedBytesAreFoundByTheChecksum(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.ckpt");
        Checkpoint.save(ModelRunner.build(Presets.BASELINE.withImageSize(32), DeviceChoice.CPU, 1).model(), "{}", f);
        byte[] bytes = Files.readAllBytes(f);
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 200; i++) bytes[bytes.length / 4 + r.nextInt(bytes.length / 2)] ^= 0x55; // inside the weights
        Path flipped = dir.resolve("flipped.ckpt");
        Files.write(flipped, bytes);
        assertMessage(flipped, "checksum mismatch");
    }

    private static void assertMessage(Path f, String expected) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
