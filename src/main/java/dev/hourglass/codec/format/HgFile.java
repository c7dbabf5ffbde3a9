package dev.hourglass.codec.format;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Version 1 of the .hg layout (big-endian; every field is described in FORMAT.md):
 * magic "HGLS", version, flags, fingerprint, image size and bit depth, latent and skip shapes,
 * Δ, coder parameters, payload length, payload, and a CRC-32 over everything before it. The reader
 * checks every length and bound before it allocates anything.
 */
public final class HgFile {

    public static final byte[] MAGIC = "HGLS".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final int FINGERPRINT_BYTES = 16;
    public static final int MAX_SIDE = 1 << 16;
    /** Images above this many pixels are refused before decoding (the network would need gigabytes anyway). */
    public static final long MAX_PIXELS = 1L << 26;
    public static final int MAX_CHANNELS = 4096;
    public static final int MAX_SKIPS = 16;
    /** Largest adaptive-model increment a file may ask for (a quarter of the coder's 2^16 total). */
    public static final int MAX_INCREMENT = 1 << 14;

    /** A parsed file: header and payload. */
    public record Contents(Header header, byte[] payload) {
    }

    private HgFile() {
    }

    public static byte[] write(Header h, byte[] payload) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(h.skips().isEmpty() ? 0 : 1);
            if (h.fingerprint().length != FINGERPRINT_BYTES) throw new IllegalArgumentException("fingerprint must have 16 bytes");
            out.write(h.fingerprint());
            out.writeInt(h.width());
            out.writeInt(h.height());
            out.writeByte(h.bitDepth());
            shape(out, h.latent());
            out.writeByte(h.skips().size());
            for (TensorShape s : h.skips()) shape(out, s);
            out.writeDouble(h.step());
            out.writeInt(h.minSymbol());
            out.writeInt(h.maxSymbol());
            out.writeShort(h.increment());
            out.writeInt(payload.length);
            out.write(payload);
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
    }

    private static void shape(DataOutputStream out, TensorShape s) throws IOException {
        out.writeShort(s.channels());
        out.writeShort(s.height());
        out.writeShort(s.width());
    }

    public static Contents read(byte[] file) throws FormatException {
        if (file.length < MAGIC.length + 2) throw new FormatException("file too short to be an hourglass file (" + file.length + " bytes)");
        for (int i = 0; i < MAGIC.length; i++) {
            if (file[i] != MAGIC[i]) throw new FormatException("not an hourglass file: wrong magic bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(file);
        in.position(MAGIC.length);
        int version = in.get() & 0xff;
        if (version != VERSION) throw new FormatException("unsupported format version " + version + " (this build reads version " + VERSION + ")");
        try {
            int flags = in.get() & 0xff;
            if ((flags & ~1) != 0) throw new FormatException("unknown flags " + flags);
            byte[] fp = new byte[FINGERPRINT_BYTES];
            in.get(fp);
            int width = in.getInt();
            int height = in.getInt();
            if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                throw new FormatException("impossible image size " + Integer.toUnsignedString(width) + "×" + Integer.toUnsignedString(height));
            }
            int bitDepth = in.get() & 0xff;
            if (bitDepth != 8 && bitDepth != 16) throw new FormatException("impossible bit depth " + bitDepth);
            TensorShape latent = shape(in, "latent");
            int nSkips = in.get() & 0xff;
            if (nSkips > MAX_SKIPS || (nSkips > 0) != ((flags & 1) != 0)) throw new FormatException("inconsistent skip count " + nSkips);
            List<TensorShape> skips = new ArrayList<>();
            for (int i = 0; i < nSkips; i++) skips.add(shape(in, "skip " + i));
            double step = in.getDouble();
            if (!(step > 0) || Double.isInfinite(step)) throw new FormatException("impossible quantisation step " + step);
            int min = in.getInt();
            int max = in.getInt();
            if (min > max || (long) max - min >= 1 << 15) throw new FormatException("impossible symbol range " + min + ".." + max);
            int increment = in.getShort() & 0xffff;
            if (increment < 1 || increment > MAX_INCREMENT) throw new FormatException("impossible coder increment " + increment);
            int length = in.getInt();
            if (length < 0 || length != in.remaining() - 4) {
                throw new FormatException("payload length " + Integer.toUnsignedString(length) + " does not match the " + in.remaining()
                        + " bytes that follow (truncated or corrupt file)");
            }
            CRC32 crc = new CRC32();
            crc.update(file, 0, file.length - 4);
            int stored = ByteBuffer.wrap(file, file.length - 4, 4).getInt();
            if ((int) crc.getValue() != stored) throw new FormatException("CRC-32 mismatch: the file is corrupt");
            byte[] payload = new byte[length];
            in.get(payload);
            return new Contents(new Header(fp, width, height, bitDepth, latent, skips, step, min, max, increment), payload);
        } catch (java.nio.BufferUnderflowException e) {
            throw new FormatException("truncated file: it ends inside the header");
        }
    }

    private static TensorShape shape(ByteBuffer in, String what) throws FormatException {
        int c = in.getShort() & 0xffff;
        int h = in.getShort() & 0xffff;
        int w = in.getShort() & 0xffff;
        if (c < 1 || h < 1 || w < 1 || c > MAX_CHANNELS) throw new FormatException("impossible " + what + " shape " + c + "×" + h + "×" + w);
        return new TensorShape(c, h, w);
    }
}
