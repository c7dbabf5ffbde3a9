package dev.hourglass.codec;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.codec.format.HgFileV2;
import dev.hourglass.codec.format.LearnedHeader;
import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.ImageReader;
import dev.hourglass.data.Phantoms;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.Checkpoint;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A committed version-2 file, with the tiny trained and frozen model that made it
 * ({@code hourglass train --spec tiny.json --steps 40 --batch 4 --lambda 0.01 --lr 5e-3 --warmup 0 --seed 3},
 * then {@code hourglass freeze}), its decoded latent and its decoded image, must keep decoding. The
 * latent is compared exactly (it comes from integers and stored medians only); the image within one
 * grey level (the synthesis network's float arithmetic may differ in the last place on another CPU).
 * Regenerate the file, latent and image (not the model) with {@code -Dhourglass.regenerateFixtures=true}
 * only when adding a format version, into a new folder.
 */
class FixtureV2Test {

    private static final Path DIR = Path.of("src", "test", "resources", "fixtures", "v2");

    @Test
    void version2FixtureDecodes() throws Exception {
        ModelRunner m = ModelRunner.of(Checkpoint.load(DIR.resolve("model.ckpt")).model(), DeviceChoice.CPU);
        if (Boolean.getBoolean("hourglass.regenerateFixtures")) regenerate(m);
        byte[] file = Files.readAllBytes(DIR.resolve("image.hg"));
        HgFileV2.Contents c = HgFileV2.read(file);
        LearnedHeader h = c.header();
        assertEquals(61, h.width());
        assertEquals(45, h.height());
        float[] latent = LearnedCodec.decodeLatent(m, c);
        List<String> expected = Files.readAllLines(DIR.resolve("latent.txt"));
        assertEquals(expected.size(), latent.length);
        for (int i = 0; i < latent.length; i++) {
            assertEquals(Float.parseFloat(expected.get(i)), latent[i], 0f, "latent value " + i);
        }
        GrayImage decoded = LearnedCodec.decompress(m, file).image();
        GrayImage reference = ImageReader.read(DIR.resolve("decoded.png")).image();
        int worst = 0;
        for (int i = 0; i < reference.pixels().length; i++) {
            worst = Math.max(worst, Math.abs(Math.round(decoded.pixels()[i] * 255) - Math.round(reference.pixels()[i] * 255)));
        }
        assertTrue(worst <= 1, "decoded image differs from the fixture by " + worst + " levels");
    }

    private static void regenerate(ModelRunner m) throws Exception {
        GrayImage img = Crops.cropTopLeft(Phantoms.generate(1, 64, 5).get(0), 61, 45);
        byte[] file = LearnedCodec.compress(m, img, 8);
        Files.write(DIR.resolve("image.hg"), file);
        List<String> lines = new ArrayList<>();
        for (float v : LearnedCodec.decodeLatent(m, HgFileV2.read(file))) lines.add(Float.toString(v));
        Files.write(DIR.resolve("latent.txt"), lines);
        ImageFiles.writePng8(LearnedCodec.decompress(m, file).image(), DIR.resolve("decoded.png"));
    }
}
