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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Committed files of format version 1, with the tiny models that made them and their decoded
 * images, must keep decoding in every later version: v1 (an untrained model, whose output has a
 * handful of grey levels) and v1-trained (a trained model, with its exact symbols). Regenerate only when the format version changes:
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

    /**
     * A version-1 file of a trained model (TrainedFixture wrote it): its quantised values must
     * decode exactly to the committed list, and through the committed model to the committed image
     * (±1 grey level: the network's float arithmetic may differ in the last place on another CPU).
     * The symbols need no network, so any change of the coder, the models' counts or the header's
     * reading shows here as a wrong value, however little it would change the image.
     */
    @Test
    void trainedVersion1FixtureDecodesToTheSameSymbols() throws Exception {
        Path dir = TrainedFixture.DIR;
        byte[] file = Files.readAllBytes(dir.resolve("image.hg"));
        Header h = HgFile.read(file).header();
        assertEquals(1, file[4], "format version");
        assertEquals(45, h.width());
        assertEquals(37, h.height());
        assertEquals(TrainedFixture.STEP, h.step());
        List<String> expected = Files.readAllLines(dir.resolve("symbols.txt"));
        List<int[]> symbols = Codec.symbols(file);
        assertEquals(expected.size(), symbols.size(), "one line per stored tensor");
        for (int t = 0; t < symbols.size(); t++) {
            int[] want = java.util.Arrays.stream(expected.get(t).trim().split(" ")).mapToInt(Integer::parseInt).toArray();
            assertArrayEquals(want, symbols.get(t), "symbols of tensor " + t);
        }
        assertEquals(h.latent().values(), symbols.get(0).length);
        assertTrue(h.maxSymbol() - h.minSymbol() >= 20, "a trained latent spreads over many symbols: " + h.minSymbol() + ".." + h.maxSymbol());

        ModelRunner p = ModelRunner.of(Checkpoint.load(dir.resolve("model.ckpt")).model(), DeviceChoice.CPU);
        GrayImage decoded = Codec.decompress(p, file).image();
        GrayImage png = ImageReader.read(dir.resolve("decoded.png")).image();
        java.util.Set<Integer> levels = new java.util.HashSet<>();
        for (int i = 0; i < png.pixels().length; i++) {
            int want = Math.round(png.pixels()[i] * 255);
            levels.add(want);
            assertTrue(Math.abs(Math.round(decoded.pixels()[i] * 255) - want) <= 1, "pixel " + i);
        }
        assertTrue(levels.size() > 50, "the trained model's image has many grey levels: " + levels.size());
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
