package dev.hourglass.codec.format;

import dev.hourglass.codec.entropy.AdaptiveModel;
import dev.hourglass.codec.entropy.ArithmeticDecoder;
import dev.hourglass.codec.entropy.ArithmeticEncoder;
import dev.hourglass.codec.entropy.TruncatedStreamException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A decoder that cannot be stalled or over-read: the work a header asks for is bounded by the file's size. */
class DecoderBoundsTest {

    private static Header header(int width, int height, TensorShape latent, int min, int max, int increment) {
        return new Header(new byte[16], width, height, 8, latent, List.of(), 0.05, min, max, increment);
    }

    /** The bytes a forger would write (the layout of FORMAT.md, with a correct CRC), without HgFile.write's checks. */
    private static byte[] forge(Header h, byte[] payload) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64 + payload.length);
        b.put(HgFile.MAGIC).put((byte) 1).put((byte) 0).put(h.fingerprint()).putInt(h.width()).putInt(h.height()).put((byte) h.bitDepth());
        b.putShort((short) h.latent().channels()).putShort((short) h.latent().height()).putShort((short) h.latent().width());
        b.put((byte) 0).putDouble(h.step()).putInt(h.minSymbol()).putInt(h.maxSymbol()).putShort((short) h.increment());
        b.putInt(payload.length).put(payload);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void aTinyFileClaimingALargeLatentOverAWideAlphabetIsRefused() {
        // 8192×8192 image, 64×512×512 latent, 32,768 symbols, a 2-byte payload: ~10^11 operations with linear scans
        byte[] forged = forge(header(8192, 8192, new TensorShape(64, 512, 512), -16384, 16383, 24), new byte[2]);
        FormatException e = assertThrows(FormatException.class, () -> HgFile.read(forged));
        assertTrue(e.getMessage().contains("more values than"), e.getMessage());
    }

    @Test
    void anIncrementThatMakesHalvingsDominateIsRefused() {
        byte[] forged = forge(header(64, 64, new TensorShape(1, 4, 4), -16384, 16383, 16384), new byte[4096]);
        FormatException e = assertThrows(FormatException.class, () -> HgFile.read(forged));
        assertTrue(e.getMessage().contains("increment"), e.getMessage());
    }

    @Test
    void realFilesStayWithinTheBoundEvenWhenNearlyConstant() throws Exception {
        // the cheapest real stream: two symbols, almost always the same one
        for (int k : new int[]{2, 3, 100, 32768}) {
            ArithmeticEncoder enc = new ArithmeticEncoder();
            AdaptiveModel m = new AdaptiveModel(k);
            int n = 64 * 64 * 64;
            for (int i = 0; i < n; i++) enc.encode(m, 0);
            byte[] payload = enc.finish();
            byte[] file = HgFile.write(header(1024, 1024, new TensorShape(64, 64, 64), 0, k - 1, AdaptiveModel.INCREMENT), payload);
            HgFile.Contents c = HgFile.read(file);
            assertEquals(n, c.header().symbolCount());
        }
    }

    @Test
    void readingFarPastThePayloadIsACorruptStreamNotZeros() {
        Random r = new Random(3);
        ArithmeticEncoder enc = new ArithmeticEncoder();
        AdaptiveModel m = new AdaptiveModel(256);
        int[] symbols = new int[5000];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = r.nextInt(256);
            enc.encode(m, symbols[i]);
        }
        byte[] payload = enc.finish();
        ArithmeticDecoder ok = new ArithmeticDecoder(payload);
        AdaptiveModel dm = new AdaptiveModel(256);
        for (int s : symbols) assertEquals(s, ok.decode(dm)); // a valid stream decodes completely
        byte[] cut = java.util.Arrays.copyOf(payload, payload.length / 4);
        ArithmeticDecoder dec = new ArithmeticDecoder(cut);
        AdaptiveModel m2 = new AdaptiveModel(256);
        assertThrows(TruncatedStreamException.class, () -> {
            for (int i = 0; i < symbols.length; i++) dec.decode(m2);
        });
    }

    @Test
    void writeChecksTheLimitsThatReadEnforces() {
        byte[] p = new byte[8];
        assertThrows(IllegalArgumentException.class, () -> HgFile.write(header(70_000, 1, new TensorShape(1, 1, 4375), 0, 1, 24), p));
        assertThrows(IllegalArgumentException.class, () -> HgFile.write(header(16, 16, new TensorShape(70_000, 1, 1), 0, 1, 24), p));
        assertThrows(IllegalArgumentException.class, () -> HgFile.write(header(16, 16, new TensorShape(1, 70_000, 1), 0, 1, 24), p));
        assertThrows(IllegalArgumentException.class, () -> HgFile.write(header(16, 16, new TensorShape(1, 1, 1), 0, 1 << 15, 24), p));
        assertThrows(IllegalArgumentException.class, () -> HgFile.write(header(16, 16, new TensorShape(1, 1, 1), 0, 1, 70_000), p));
        assertThrows(IllegalArgumentException.class, () -> HgFile.write(
                new Header(new byte[16], 16, 16, 12, new TensorShape(1, 1, 1), List.of(), 0.05, 0, 1, 24), p));
    }
}
