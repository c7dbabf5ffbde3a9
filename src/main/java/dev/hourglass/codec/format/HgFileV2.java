package dev.hourglass.codec.format;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Version 2 of the .hg layout, for models with a learned entropy model (FORMAT.md): magic "HGLS",
 * version 2, flags (0, or 1 for a hyperprior model), model fingerprint, image width, height and bit depth, latent shape, payload
 * length, payload, CRC-32 over everything before it. Writer and reader enforce the same bounds.
 */
public final class HgFileV2 {

    public static final int VERSION = 2;
    public static final int MAX_SIDE = 1 << 20;
    /** 2^28 pixels (e.g. 16384 × 16384): the largest image a file may describe. */
    public static final long MAX_PIXELS = 1L << 28;
    public static final int MAX_CHANNELS = 4096;
    private static final int HEADER_BYTES = 4 + 1 + 1 + HgFile.FINGERPRINT_BYTES + 4 + 4 + 1 + 6 + 4;

    /** Flag bit: the payload holds a hyper-latent stream before the latent's (hyperprior models; FORMAT.md). */
    public static final int FLAG_HYPERPRIOR = 1;

    /** A parsed file: header, flags and payload. */
    public record Contents(LearnedHeader header, int flags, byte[] payload) {

        public boolean hyperprior() {
            return (flags & FLAG_HYPERPRIOR) != 0;
        }
    }

    private HgFileV2() {
    }

    public static byte[] write(LearnedHeader h, byte[] payload) {
        return write(h, 0, payload);
    }

    public static byte[] write(LearnedHeader h, int flags, byte[] payload) {
        check(flags == 0 || flags == FLAG_HYPERPRIOR, "unknown flags " + flags);
        check(h.fingerprint().length == HgFile.FINGERPRINT_BYTES, "fingerprint must have 16 bytes");
        check(validSize(h.width(), h.height()), "image size " + h.width() + "×" + h.height() + " is outside what the format holds"
                + " (sides 1.." + MAX_SIDE + ", at most " + MAX_PIXELS + " pixels)");
        check(h.bitDepth() == 8 || h.bitDepth() == 16, "bit depth must be 8 or 16 but was " + h.bitDepth());
        check(validShape(h.latent()), "latent shape " + h.latent() + " is outside what the format holds");
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER_BYTES + payload.length + 4);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(HgFile.MAGIC);
            out.writeByte(VERSION);
            out.writeByte(flags);
            out.write(h.fingerprint());
            out.writeInt(h.width());
            out.writeInt(h.height());
            out.writeByte(h.bitDepth());
            HgFile.shape(out, h.latent());
            return HgFile.finish(bytes, out, payload);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
    }

    public static Contents read(byte[] file) throws FormatException {
        if (file.length < HEADER_BYTES + 4) throw new FormatException("file too short to be a version-2 hourglass file (" + file.length + " bytes)");
        for (int i = 0; i < HgFile.MAGIC.length; i++) {
            if (file[i] != HgFile.MAGIC[i]) throw new FormatException("not an hourglass file: wrong magic bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(file);
        in.position(HgFile.MAGIC.length);
        int version = in.get() & 0xff;
        if (version != VERSION) throw new FormatException("expected format version " + VERSION + " but found " + version);
        int flags = in.get() & 0xff;
        if (flags != 0 && flags != FLAG_HYPERPRIOR) throw new FormatException("unknown flags " + flags);
        byte[] fp = new byte[HgFile.FINGERPRINT_BYTES];
        in.get(fp);
        int width = in.getInt();
        int height = in.getInt();
        if (!validSize(width, height)) {
            throw new FormatException("impossible image size " + Integer.toUnsignedString(width) + "×" + Integer.toUnsignedString(height));
        }
        int bitDepth = in.get() & 0xff;
        if (bitDepth != 8 && bitDepth != 16) throw new FormatException("impossible bit depth " + bitDepth);
        TensorShape latent = new TensorShape(in.getShort() & 0xffff, in.getShort() & 0xffff, in.getShort() & 0xffff);
        if (!validShape(latent)) throw new FormatException("impossible latent shape " + latent.channels() + "×" + latent.height() + "×" + latent.width());
        int length = in.getInt();
        if (length < 0 || length != in.remaining() - 4) {
            throw new FormatException("payload length " + Integer.toUnsignedString(length) + " does not match the " + in.remaining()
                    + " bytes that follow (truncated or corrupt file)");
        }
        HgFile.requireCrc(file);
        byte[] payload = new byte[length];
        in.get(payload);
        return new Contents(new LearnedHeader(fp, width, height, bitDepth, latent), flags, payload);
    }

    /** The payload length a well-formed version-2 file states (for measuring header overhead). */
    public static int read0PayloadLength(byte[] file) {
        return ByteBuffer.wrap(file, HEADER_BYTES - 4, 4).getInt();
    }

    /** The version byte of an hourglass file, or −1 when the bytes do not start like one. */
    public static int versionOf(byte[] file) {
        if (file.length < HgFile.MAGIC.length + 1) return -1;
        for (int i = 0; i < HgFile.MAGIC.length; i++) if (file[i] != HgFile.MAGIC[i]) return -1;
        return file[HgFile.MAGIC.length] & 0xff;
    }

    private static boolean validSize(int width, int height) {
        return width >= 1 && height >= 1 && width <= MAX_SIDE && height <= MAX_SIDE && (long) width * height <= MAX_PIXELS;
    }

    private static boolean validShape(TensorShape s) {
        return s.channels() >= 1 && s.channels() <= MAX_CHANNELS && s.height() >= 1 && s.width() >= 1;
    }

    private static void check(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
