package dev.hourglass.codec;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.codec.format.HgFileV2;
import dev.hourglass.codec.format.LearnedHeader;
import dev.hourglass.codec.format.TensorShape;
import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Phantoms;
import dev.hourglass.model.FrozenTables;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.train.OptimizerKind;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.TrainableModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learned codec end to end, on a tiny factorized model trained for a few rate–distortion steps. */
class LearnedCodecTest {

    static final ModelSpec TINY = Presets.FACTORIZED.withWidths(List.of(8, 8, 8), 12).withImageSize(64);
    static TrainableModel trained;
    static ModelRunner probe;

    @BeforeAll
    static synchronized void train() {
        if (probe != null) return; // LearnedCodecThreadsTest trains the same model
        trained = TinyCodecModel.train(TINY, 11, 60, 100);
        probe = ModelRunner.of(trained.model(), DeviceChoice.CPU);
    }

    static GrayImage image(long seed, int w, int h) {
        return Crops.cropTopLeft(Phantoms.generate(1, 256, seed).get(0), w, h);
    }

    @Test
    void theRealFileSizeAgreesWithTheLikelihoodEstimate() {
        for (long seed = 1; seed <= 3; seed++) {
            GrayImage img = image(seed, 256, 256);
            double estimatedBits = trained.estimateBpp(img.pixels(), 1, 256, 256) * 256 * 256;
            byte[] file = LearnedCodec.compress(probe, img, 8);
            double headerBits = 8.0 * (file.length - HgFileV2.read0PayloadLength(file));
            double payloadBits = file.length * 8.0 - headerBits;
            assertTrue(Math.abs(payloadBits - estimatedBits) <= 0.02 * estimatedBits + 64,
                    "payload " + payloadBits + " bits against the likelihoods' " + estimatedBits);
        }
    }

    @Test
    void decodingIsTheNetworkOnTheRoundedLatentCroppedAndClamped() throws FormatException {
        GrayImage img = image(4, 77, 50);
        Decoded d = decode(LearnedCodec.compress(probe, img, 16));
        assertEquals(77, d.image().width());
        assertEquals(50, d.image().height());
        assertEquals(16, d.bitDepth());
        for (float v : d.image().pixels()) assertTrue(v >= 0 && v <= 1);
        // the same image through the model in eval mode (rounding around the medians), then cropped and clamped
        GrayImage padded = Crops.padToMultiple(img, 16);
        float[] full = probe.reconstruct(padded.pixels(), 1, padded.height(), padded.width());
        float[] expected = Crops.cropTopLeft(new GrayImage(padded.width(), padded.height(), full), 77, 50).pixels();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Math.max(0, Math.min(1, expected[i])), d.image().pixels()[i], 1e-5, "pixel " + i);
        }
    }

    @Test
    void tiledCodingHasNoSeams() throws FormatException {
        GrayImage img = image(9, 250, 190);
        byte[] whole = LearnedCodec.compress(probe, img, 8, 1 << 20);
        byte[] tiled = LearnedCodec.compress(probe, img, 8, 64);
        float[] a = LearnedCodec.decompress(probe, whole, 1 << 20).image().pixels();
        float[] b = LearnedCodec.decompress(probe, tiled, 64).image().pixels();
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        assertTrue(worst < 1e-4, "largest difference between tiled and whole-image coding: " + worst);
        assertTrue(Math.abs(whole.length - tiled.length) <= 0.01 * whole.length + 8, whole.length + " vs " + tiled.length + " bytes");
    }

    @Test
    void forgedOrForeignFilesAreRefused() throws FormatException {
        byte[] file = LearnedCodec.compress(probe, image(5, 64, 64), 8);
        LearnedHeader h = HgFileV2.read(file).header();
        // a tiny payload claiming a 4096 × 4096 image
        byte[] forged = HgFileV2.write(new LearnedHeader(h.fingerprint(), 4096, 4096, 8, new TensorShape(12, 256, 256)), new byte[100]);
        FormatException e = assertThrows(FormatException.class, () -> LearnedCodec.decompress(probe, forged));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        ModelRunner other = ModelRunner.build(TINY, DeviceChoice.CPU, 12);
        TableFreezer.freeze(other.model());
        assertThrows(FormatException.class, () -> LearnedCodec.decompress(other, file));
    }

    @Test
    void freezingWritesValidTablesIntoTheWeights() {
        FrozenTables t = trained.model().entropyBottleneck().frozen().read();
        assertNotNull(t);
        assertEquals(12, t.channels());
        for (int c = 0; c < 12; c++) assertTrue(t.lengths()[c] >= 1, "channel " + c);
        ModelRunner fresh = ModelRunner.build(TINY, DeviceChoice.CPU, 3);
        CodecException e = assertThrows(CodecException.class, () -> LearnedCodec.compress(fresh, image(1, 32, 32), 8));
        assertTrue(e.getMessage().contains("never frozen"), e.getMessage());
    }

    private static Decoded decode(byte[] file) throws FormatException {
        Codec.Decoded d = LearnedCodec.decompress(probe, file);
        return new Decoded(d.image(), d.bitDepth());
    }

    record Decoded(GrayImage image, int bitDepth) {
    }
}
