package dev.hourglass.codec;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.codec.format.HgFileV2;
import dev.hourglass.codec.format.LearnedHeader;
import dev.hourglass.codec.format.TensorShape;
import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Phantoms;
import dev.hourglass.model.EntropyModelKind;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.LatentCode;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.OptimizerKind;
import dev.hourglass.train.TrainableModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learned codec with a mean-scale hyperprior, end to end, on a tiny model trained for a few rate–distortion steps. */
class HyperpriorCodecTest {

    static final ModelSpec TINY = Presets.FACTORIZED.withWidths(List.of(8, 8, 8), 12).withImageSize(64)
            .withEntropyModel(EntropyModelKind.MEAN_SCALE);
    static TrainableModel trained;
    static ModelRunner probe;

    @BeforeAll
    static synchronized void train() {
        if (probe != null) return; // LearnedCodecThreadsTest trains the same model
        trained = TinyCodecModel.train(TINY, 21, 80, 300);
        probe = ModelRunner.of(trained.model(), DeviceChoice.CPU);
    }

    /**
     * The file never costs more than the likelihoods say, beyond the tables' 16-bit rounding (2%)
     * and the two streams' flush bits. It may cost less: a table gives every symbol at least
     * 1/2^16, so a value far out in the tail of an overconfident σ costs about 16 bits where the
     * Gaussian charges up to 30; an undertrained model, like this one, has many such values.
     */
    @Test
    void theRealFileSizeIsBoundedByTheLikelihoodEstimate() {
        for (long seed = 1; seed <= 3; seed++) {
            GrayImage img = LearnedCodecTest.image(seed, 256, 256);
            double estimatedBits = trained.estimateBpp(img.pixels(), 1, 256, 256) * 256 * 256;
            byte[] file = LearnedCodec.compress(probe, img, 8);
            double payloadBits = 8.0 * HgFileV2.read0PayloadLength(file) - 32;   // less the hyper-latent stream's length field
            assertTrue(payloadBits <= 1.02 * estimatedBits + 2 * 64 && payloadBits >= 0.5 * estimatedBits,
                    "payload " + payloadBits + " bits against the likelihoods' " + estimatedBits);
        }
    }

    @Test
    void theDecodedLatentIsTheEncodersWithinHalfAStepAndTheImageIsTheSynthesisOfIt() throws FormatException {
        GrayImage img = LearnedCodecTest.image(4, 77, 50);
        byte[] file = LearnedCodec.compress(probe, img, 8);
        assertTrue(HgFileV2.read(file).hyperprior());
        float[] yHat = LearnedCodec.decodeLatent(probe, HgFileV2.read(file));
        GrayImage padded = Crops.padToMultiple(img, 64);                       // the hyperprior pads to 16 × 4
        float[] y = probe.encode(padded.pixels(), padded.height(), padded.width()).latent();
        assertEquals(12 * 4 * 4 * 2, yHat.length, "12 channels of (128/16) × (64/16)");
        for (int i = 0; i < y.length; i++) assertTrue(Math.abs(yHat[i] - y[i]) <= 0.5 + 1e-4, "element " + i + ": " + y[i] + " → " + yHat[i]);
        float[] expected = probe.decode(new LatentCode(yHat, new long[]{12, 4, 8}, List.of(), List.of()));
        float[] got = LearnedCodec.decompress(probe, file).image().pixels();
        for (int r = 0; r < 50; r++) {
            for (int c = 0; c < 77; c++) {
                assertEquals(Math.max(0, Math.min(1, expected[r * 128 + c])), got[r * 77 + c], 1e-6, "pixel " + r + "," + c);
            }
        }
    }

    @Test
    void tiledCodingGivesTheSameFile() throws FormatException {
        GrayImage img = LearnedCodecTest.image(9, 250, 190);
        byte[] whole = LearnedCodec.compress(probe, img, 8, 1 << 20);
        byte[] tiled = LearnedCodec.compress(probe, img, 8, 64);
        float[] a = LearnedCodec.decompress(probe, whole, 1 << 20).image().pixels();
        float[] b = LearnedCodec.decompress(probe, tiled, 64).image().pixels();
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        assertTrue(worst < 1e-4, "largest difference between tiled and whole-image coding: " + worst);
    }

    @Test
    void aBrokenHyperLatentStreamIsAFormatError() throws FormatException {
        byte[] file = LearnedCodec.compress(probe, LearnedCodecTest.image(5, 64, 64), 8);
        HgFileV2.Contents c = HgFileV2.read(file);
        byte[] payload = c.payload().clone();
        ByteBuffer.wrap(payload).putInt(payload.length); // the hyper-latent stream claims more than the payload holds
        byte[] forged = HgFileV2.write(c.header(), HgFileV2.FLAG_HYPERPRIOR, payload);
        FormatException e = assertThrows(FormatException.class, () -> LearnedCodec.decompress(probe, forged));
        assertTrue(e.getMessage().contains("hyper-latent stream claims"), e.getMessage());
        byte[] unflagged = HgFileV2.write(c.header(), 0, c.payload());
        e = assertThrows(FormatException.class, () -> LearnedCodec.decompress(probe, unflagged));
        assertTrue(e.getMessage().contains("flags say a factorized payload"), e.getMessage());
        byte[] truncated = HgFileV2.write(c.header(), HgFileV2.FLAG_HYPERPRIOR, java.util.Arrays.copyOf(c.payload(), 6));
        assertThrows(FormatException.class, () -> LearnedCodec.decompress(probe, truncated));
        // a header claiming a 16384 × 16384 image, with a hyper-latent stream long enough for its z but a 100-byte
        // latent stream: refused before h_s would compute 96 million Gaussians
        LearnedHeader h = c.header();
        int zBytes = (int) (FrozenTableCoder.minimumBits(probe.entropyTables(), 256 * 256) / 8) + 64; // passes z's own length check
        byte[] big = ByteBuffer.allocate(4 + zBytes + 100).putInt(zBytes).array();
        byte[] forgedBig = HgFileV2.write(new LearnedHeader(h.fingerprint(), 16384, 16384, 8, new TensorShape(12, 1024, 1024)),
                HgFileV2.FLAG_HYPERPRIOR, big);
        e = assertThrows(FormatException.class, () -> LearnedCodec.decompress(probe, forgedBig));
        assertTrue(e.getMessage().contains("latent stream (100 bytes) is too short") && e.getMessage().contains("whatever their scales"),
                e.getMessage());
    }

    /** Damaged hyperprior files (half with a recomputed CRC, so the payload checks are reached) end in the typed error only. */
    @Test
    void mutatedFilesOnlyEverRaiseTheFormatError() throws Exception {
        byte[] good = LearnedCodec.compress(probe, LearnedCodecTest.image(6, 70, 66), 8);
        java.util.Random r = new java.util.Random(2024);
        int decoded = 0;
        for (int k = 0; k < 600; k++) {
            byte[] m = Mutations.mutate(good, r);
            if (k % 2 == 0) m = CodecTest.withCrc(m);
            try {
                LearnedCodec.decompress(probe, m);
                decoded++;
            } catch (FormatException expected) {
                // the typed error is the only allowed failure
            }
        }
        assertTrue(decoded > 0, "some mutations (payload bits with a fixed CRC) still decode");
    }
}
