package dev.hourglass.codec;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.codec.format.Header;
import dev.hourglass.codec.format.HgFile;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.ImageReader;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.Checkpoint;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A committed file of format version 1, with the tiny model that made it and its decoded image,
 * must keep decoding in every later version. Regenerate only when the format version changes:
 * {@code mvn -B verify -Dtest=FixtureTest -Dhourglass.regenerateFixtures=true} (then add a new
 * fixture folder rather than replacing v1).
 */
class FixtureTest {

    private static final Path DIR = Path.of("src", "test", "resources", "fixtures", "v1");

    @Test
    void version1FixtureDecodes() throws Exception {
        if (Boolean.getBoolean("hourglass.regenerateFixtures")) regenerate();
        ModelRunner p = ModelRunner.of(Checkpoint.load(DIR.resolve("model.ckpt")).model(), DeviceChoice.CPU);
        byte[] file = Files.readAllBytes(DIR.resolve("image.hg"));
        Header h = HgFile.read(file).header();
        assertEquals(45, h.width());
        assertEquals(37, h.height());
        assertEquals(8, h.bitDepth());
        assertEquals(0.05, h.step());
        Codec.Decoded d = Codec.decompress(p, file);
        GrayImage expected = ImageReader.read(DIR.resolve("decoded.png")).image();
        float worst = 0;
        for (int i = 0; i < expected.pixels().length; i++) {
            worst = Math.max(worst, Math.abs(Math.round(d.image().pixels()[i] * 255) - Math.round(expected.pixels()[i] * 255)));
        }
        // the symbols decode exactly; the network's float arithmetic may differ in the last place on another CPU
        assertTrue(worst <= 1, "decoded image differs from the fixture by " + worst + " levels");
    }

    private static void regenerate() throws Exception {
        Files.createDirectories(DIR);
        ModelRunner p = ModelRunner.build(CodecTest.SMALL, DeviceChoice.CPU, 3);
        Checkpoint.save(p.model(), "{\"purpose\":\"format v1 fixture\"}", DIR.resolve("model.ckpt"));
        byte[] file = Codec.compress(p, CodecTest.odd(), 8, 0.05, false);
        Files.write(DIR.resolve("image.hg"), file);
        ImageFiles.writePng8(Codec.decompress(p, file).image(), DIR.resolve("decoded.png"));
    }
}
