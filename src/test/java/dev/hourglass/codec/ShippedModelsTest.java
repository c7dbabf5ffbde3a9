package dev.hourglass.codec;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.data.Crops;
import dev.hourglass.data.Downscale;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Phantoms;
import dev.hourglass.metrics.Psnr;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The models in the repository's models/ folder: each loads, is the model its index names, and round-trips an image. */
class ShippedModelsTest {

    static final ShippedModels SHIPPED = ShippedModels.in(Path.of("models"));

    @Test
    void everyListedModelLoadsMatchesItsFingerprintAndRoundTrips() throws FormatException {
        assertTrue(SHIPPED.entries().size() >= 4, "at least four rate points ship");
        GrayImage img = Crops.cropTopLeft(Downscale.box(Phantoms.generate(1, 256, 21).get(0), 2), 100, 72);
        long previousBytes = -1;
        for (ShippedModels.Entry e : SHIPPED.entries()) {
            assertTrue(Files.isRegularFile(e.checkpoint()), e.checkpoint() + " is missing");
            ModelRunner m = ModelRunner.of(Checkpoint.load(e.checkpoint()).model(), DeviceChoice.CPU);
            assertEquals(e.fingerprint(), HexFormat.of().formatHex(m.fingerprint()), e.name() + ": weights differ from the recorded ones");
            byte[] file = LearnedCodec.compress(m, img, 8);
            GrayImage back = LearnedCodec.decompress(m, file).image();
            assertEquals(100, back.width());
            assertEquals(72, back.height());
            double psnr = Psnr.of(img.pixels(), back.pixels(), 1);
            assertTrue(psnr > 25, e.name() + ": PSNR " + psnr + " dB");
            // listed from the lowest rate up, so each model spends at least as many bits as the one before
            assertTrue(file.length >= previousBytes, e.name() + ": " + file.length + " bytes after " + previousBytes);
            previousBytes = file.length;
            assertArrayEquals(back.pixels(), LearnedCodec.decompress(m, file).image().pixels(), "decoding is repeatable");
        }
    }

    @Test
    void qualityAndBppChooseAmongTheRatePoints() {
        List<ShippedModels.Entry> all = SHIPPED.entries();
        assertEquals(all.get(0), SHIPPED.forQuality(1));
        assertEquals(all.get(all.size() - 1), SHIPPED.forQuality(100));
        for (ShippedModels.Entry e : all) assertEquals(e, SHIPPED.forBpp(e.bpp()));
        assertEquals(all.get(0), SHIPPED.forBpp(all.get(0).bpp() / 10));
    }

    @Test
    void anIndexWithARateThatIsNotPositiveOrAFileListedTwiceIsRefusedByLine(@TempDir Path dir) throws Exception {
        for (String bad : new String[]{"0", "-1", "NaN", "Infinity"}) {
            Files.writeString(dir.resolve("index.tsv"), "a\ta.ckpt\t00\t1\t0.1\nb\tb.ckpt\t01\t1\t" + bad + "\n");
            CodecException e = assertThrows(CodecException.class, () -> ShippedModels.in(dir));
            assertTrue(e.getMessage().contains("line 2: the rate must be a positive number"), e.getMessage());
        }
        Files.writeString(dir.resolve("index.tsv"), "a\ta.ckpt\t00\t1\t0.1\nb\ta.ckpt\t01\t1\t0.2\n");
        CodecException twice = assertThrows(CodecException.class, () -> ShippedModels.in(dir));
        assertTrue(twice.getMessage().contains("line 2: a.ckpt is listed twice"), twice.getMessage());
    }

    @Test
    void qualitiesFollowRatesSoThatNewModelsAtOneEndDoNotMoveTheMiddle(@TempDir Path dir) throws Exception {
        String five = "a\ta.ckpt\t00\t1\t0.1\nb\tb.ckpt\t01\t1\t0.2\nc\tc.ckpt\t02\t1\t0.4\nd\td.ckpt\t03\t1\t0.8\ne\te.ckpt\t04\t1\t1.6\n";
        Files.writeString(dir.resolve("index.tsv"), five);
        ShippedModels spread = ShippedModels.in(dir);
        assertEquals("a", spread.forQuality(1).name());
        assertEquals("c", spread.forQuality(50).name(), "the geometric middle of 0.1 and 1.6 bpp");
        assertEquals("e", spread.forQuality(100).name());
        // three more models crowded under the top rate: by list position quality 50 would move up to d
        Files.writeString(dir.resolve("index.tsv"), five + "f\tf.ckpt\t05\t1\t1.2\ng\tg.ckpt\t06\t1\t1.3\nh\th.ckpt\t07\t1\t1.4\n");
        ShippedModels crowded = ShippedModels.in(dir);
        assertEquals("c", crowded.forQuality(50).name());
        assertEquals("e", crowded.forQuality(100).name());
        int previous = -1;
        for (int q = 1; q <= 100; q++) {
            int at = crowded.entries().indexOf(crowded.forQuality(q));
            assertTrue(at >= previous, "quality " + q + " never picks a lower rate than quality " + (q - 1));
            previous = at;
        }
    }
}
