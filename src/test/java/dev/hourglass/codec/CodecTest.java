package dev.hourglass.codec;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.codec.entropy.Quantizer;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.codec.format.HgFile;
import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Phantoms;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.model.SkipMode;
import dev.hourglass.runtime.EncoderDecoder;
import dev.hourglass.runtime.LatentCode;
import dev.hourglass.runtime.ModelRunner;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecTest {

    static final ModelSpec SMALL = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);

    static GrayImage odd() {
        return Crops.cropTopLeft(Phantoms.generate(1, 64, 2).get(0), 45, 37);
    }

    @Test
    void decompressGivesExactlyTheModelsReconstructionOfTheQuantisedLatent() throws Exception {
        ModelRunner p = ModelRunner.build(SMALL, DeviceChoice.CPU, 3);
        GrayImage img = odd();
        double step = 0.02;
        byte[] file = Codec.compress(p, img, 8, step, false);
        Codec.Decoded d = Codec.decompress(p, file);
        assertEquals(45, d.image().width());
        assertEquals(37, d.image().height());
        // independently: pad, encode, quantise, dequantise, decode, crop, clamp
        GrayImage padded = Crops.padToMultiple(img, 8);
        LatentCode code = p.encode(padded.pixels(), padded.height(), padded.width());
        float[] z = code.latent().clone();
        for (int i = 0; i < z.length; i++) z[i] = Quantizer.dequantize(Quantizer.quantize(z[i], step), step);
        float[] y = p.decode(new LatentCode(z, code.latentShape(), List.of(), List.of()));
        float[] expected = Crops.cropTopLeft(new GrayImage(padded.width(), padded.height(), y), 45, 37).pixels();
        for (int i = 0; i < expected.length; i++) expected[i] = Math.max(0, Math.min(1, expected[i]));
        assertArrayEquals(expected, d.image().pixels());
        // the size is the real cost: a coarser step gives a smaller file
        assertTrue(Codec.compress(p, img, 8, 0.5, false).length < file.length);
    }

    /** A network that encodes every image to one fixed latent and records what its decoder receives. */
    private static final class FixedLatent implements EncoderDecoder {
        static final float[] LATENT = {0.26f, -0.74f, 0.25f, 0.75f, 1.49f, -0.25f, 0f, -1.26f};
        float[] decoded;

        @Override
        public ModelSpec spec() {
            return SMALL; // downsampling 8, 8 latent channels: an 8×8 image has a latent of 8×1×1
        }

        @Override
        public LatentCode encode(float[] image, int height, int width) {
            return new LatentCode(LATENT.clone(), new long[]{8, 1, 1}, List.of(), List.of());
        }

        @Override
        public float[] decode(LatentCode code) {
            decoded = code.latent().clone();
            return new float[64];
        }

        @Override
        public byte[] fingerprint() {
            return new byte[16];
        }
    }

    @Test
    void aKnownLatentIsQuantisedToHandComputedValues() throws Exception {
        FixedLatent net = new FixedLatent();
        byte[] file = Codec.compress(net, new GrayImage(8, 8, new float[64]), 8, 0.5, false);
        // v / 0.5 = 0.52, −1.48, 0.5, 1.5, 2.98, −0.5, 0, −2.52, rounded half to even:
        assertArrayEquals(new int[]{1, -1, 0, 2, 3, 0, 0, -3}, Codec.symbols(file).get(0));
        Codec.decompress(net, file);
        assertArrayEquals(new float[]{0.5f, -0.5f, 0f, 1f, 1.5f, 0f, 0f, -1.5f}, net.decoded);
        assertEquals(-3, HgFile.read(file).header().minSymbol());
        assertEquals(3, HgFile.read(file).header().maxSymbol());
    }

    @Test
    void skipsAreRefusedUnlessIncludedAndThenCostTheirShare() throws Exception {
        ModelRunner p = ModelRunner.build(SMALL.withSkips(SkipMode.CONCAT), DeviceChoice.CPU, 3);
        CodecException e = assertThrows(CodecException.class, () -> Codec.compress(p, odd(), 8, 0.05, false));
        assertTrue(e.getMessage().contains("--include-skips"));
        byte[] with = Codec.compress(p, odd(), 8, 0.05, true);
        assertEquals(2, HgFile.read(with).header().skips().size());
        assertEquals(45, Codec.decompress(p, with).image().width());
    }

    @Test
    void anotherModelsFileIsRefused() throws Exception {
        byte[] file = Codec.compress(ModelRunner.build(SMALL, DeviceChoice.CPU, 3), odd(), 16, 0.05, false);
        FormatException e = assertThrows(FormatException.class, () -> Codec.decompress(ModelRunner.build(SMALL, DeviceChoice.CPU, 4), file));
        assertTrue(e.getMessage().contains("another model"), e.getMessage());
        assertEquals(16, Codec.decompress(ModelRunner.build(SMALL, DeviceChoice.CPU, 3), file).bitDepth());
    }

    @Test
    void corruptFilesGiveTypedErrors() throws Exception {
        ModelRunner p = ModelRunner.build(SMALL, DeviceChoice.CPU, 3);
        byte[] good = Codec.compress(p, odd(), 8, 0.05, false);
        assertFormat(p, new byte[0], "too short");
        assertFormat(p, "JPEG-not-hg".getBytes(), "wrong magic");
        byte[] v = good.clone();
        v[4] = 9;
        assertFormat(p, v, "unsupported format version 9");
        byte[] crc = good.clone();
        crc[crc.length - 10] ^= 1;
        assertFormat(p, crc, "CRC-32 mismatch");
        assertFormat(p, java.util.Arrays.copyOf(good, good.length - 7), "does not match");
        assertFormat(p, java.util.Arrays.copyOf(good, 30), "truncated");
        byte[] huge = withCrc(setInt(good.clone(), 22, 60_000));   // width 60,000 × height 37
        assertFormat(p, huge, "the latent in the file");
        byte[] absurd = withCrc(setInt(good.clone(), 22, 2_000_000_000));
        assertFormat(p, absurd, "impossible image size");
    }

    @Test
    void mutatedFilesOnlyEverRaiseTheFormatError() throws Exception {
        ModelRunner p = ModelRunner.build(SMALL, DeviceChoice.CPU, 3);
        byte[] good = Codec.compress(p, odd(), 8, 0.05, false);
        Random r = new Random(12345);
        int decoded = 0;
        for (int k = 0; k < 1500; k++) {
            byte[] m = Mutations.mutate(good, r);
            if (k % 2 == 0) m = withCrc(m); // half the time fix the CRC so the checks behind it are reached
            try {
                Codec.decompress(p, m);
                decoded++;
            } catch (FormatException expected) {
                // the typed error is the only allowed failure
            }
        }
        assertTrue(decoded > 0, "some mutations (payload bits with a fixed CRC) still decode");
    }

    static void assertFormat(ModelRunner p, byte[] file, String expected) {
        FormatException e = assertThrows(FormatException.class, () -> Codec.decompress(p, file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static byte[] setInt(byte[] b, int at, int value) {
        ByteBuffer.wrap(b).putInt(at, value);
        return b;
    }

    /** Recomputes the trailing CRC-32, as a forger would. */
    static byte[] withCrc(byte[] b) {
        if (b.length < 4) return b;
        CRC32 c = new CRC32();
        c.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).putInt(b.length - 4, (int) c.getValue());
        return b;
    }

    /** A network whose latent holds values far outside the rest (an outlier a step cannot fit into a v1 alphabet). */
    private static final class Outliers implements dev.hourglass.runtime.EncoderDecoder {
        final ModelRunner real;
        LatentCode decoded;

        Outliers(ModelRunner real) {
            this.real = real;
        }

        @Override
        public ModelSpec spec() {
            return real.spec();
        }

        @Override
        public LatentCode encode(float[] image, int height, int width) {
            LatentCode c = real.encode(image, height, width);
            float[] z = c.latent().clone();
            z[0] = 1e6f;       // 10^8 steps above the rest
            z[z.length - 1] = -3.5e5f;
            z[z.length / 2] = 9.0f;
            return new LatentCode(z, c.latentShape(), c.skips(), c.skipShapes());
        }

        @Override
        public float[] decode(LatentCode code) {
            decoded = code;
            return real.decode(code);
        }

        @Override
        public byte[] fingerprint() {
            return real.fingerprint();
        }
    }

    @Test
    void valuesFarOutsideTheRangeAreCodedExactlyByEscapes() throws Exception {
        Outliers p = new Outliers(ModelRunner.build(SMALL, DeviceChoice.CPU, 3));
        GrayImage img = odd();
        double step = 0.01;
        byte[] file = Codec.compress(p, img, 8, step, false);
        Codec.decompress(p, file);
        GrayImage padded = Crops.padToMultiple(img, 8);
        float[] z = p.encode(padded.pixels(), padded.height(), padded.width()).latent();
        float[] expected = new float[z.length];
        for (int i = 0; i < z.length; i++) expected[i] = Quantizer.dequantize(Quantizer.quantize(z[i], step), step);
        assertArrayEquals(expected, p.decoded.latent(), "every value, outliers included, decodes to q·Δ exactly");
        assertEquals(1e6f, p.decoded.latent()[0]);
        // the ordinary files keep their layout: no escape unless the range needs one
        byte[] plain = Codec.compress(ModelRunner.build(SMALL, DeviceChoice.CPU, 3), img, 8, step, false);
        assertEquals(0, plain[5] & 2, "flag bit 1 only when values are escaped");
        assertEquals(2, file[5] & 2, "flag bit 1 set: escapes present");
    }
}
