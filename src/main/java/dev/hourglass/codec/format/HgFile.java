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
 * magic "HGLS", version, flags (skips, escape), fingerprint, image size and bit depth, latent and skip shapes,
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
    /** Most symbols of the coder's alphabet (the escape included): 2^15. */
    public static final int MAX_ALPHABET = 1 << 15;
    /** Flag bit 0: skip tensors follow the latent. */
    public static final int FLAG_SKIPS = 1;
    /** Flag bit 1: the alphabet ends with an escape symbol for values outside minSymbol..maxSymbol. */
    public static final int FLAG_ESCAPE = 2;
    /** Largest adaptive-model increment a file may ask for (a quarter of the coder's 2^16 total). */
    public static final int MAX_INCREMENT = 1 << 14;

    /** A parsed file: header and payload. */
    public record Contents(Header header, byte[] payload) {
    }

    private HgFile() {
    }

    /** Amortised count operations per symbol that halvings may cost: 2·increment·K / (2^16 − K) (48 at most for increment 24). */
    public static final int MAX_HALVING_WORK = 64;

    /**
     * Writes a file; refuses (IllegalArgumentException) a header that {@link #read} would refuse, so
     * that no value is silently truncated to its field's width.
     */
    public static byte[] write(Header h, byte[] payload) {
        String problem = problem(h, payload.length);
        if (problem != null) throw new IllegalArgumentException("cannot write this .hg file: " + problem);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte((h.skips().isEmpty() ? 0 : FLAG_SKIPS) | (h.escape() ? FLAG_ESCAPE : 0));
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
            return finish(bytes, out, payload);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
    }

    /** Every version's tail: payload length, payload, and a CRC-32 of every byte before it. */
    static byte[] finish(ByteArrayOutputStream bytes, DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    /** Throws unless the last 4 bytes are the CRC-32 of the rest. */
    static void requireCrc(byte[] file) throws FormatException {
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(file, file.length - 4, 4).getInt()) {
            throw new FormatException("CRC-32 mismatch: the file is corrupt");
        }
    }

    static void shape(DataOutputStream out, TensorShape s) throws IOException {
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
            if ((flags & ~(FLAG_SKIPS | FLAG_ESCAPE)) != 0) throw new FormatException("unknown flags " + flags);
            boolean escape = (flags & FLAG_ESCAPE) != 0;
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
            if (nSkips > MAX_SKIPS || (nSkips > 0) != ((flags & FLAG_SKIPS) != 0)) throw new FormatException("inconsistent skip count " + nSkips);
            List<TensorShape> skips = new ArrayList<>();
            for (int i = 0; i < nSkips; i++) skips.add(shape(in, "skip " + i));
            double step = in.getDouble();
            if (!(step > 0) || Double.isInfinite(step)) throw new FormatException("impossible quantisation step " + step);
            int min = in.getInt();
            int max = in.getInt();
            if (min > max || (long) max - min + 1 + (escape ? 1 : 0) > MAX_ALPHABET) {
                throw new FormatException("impossible symbol range " + min + ".." + max + (escape ? " with an escape" : ""));
            }
            int increment = in.getShort() & 0xffff;
            if (increment < 1 || increment > MAX_INCREMENT) throw new FormatException("impossible coder increment " + increment);
            int length = in.getInt();
            if (length < 0 || length != in.remaining() - 4) {
                throw new FormatException("payload length " + Integer.toUnsignedString(length) + " does not match the " + in.remaining()
                        + " bytes that follow (truncated or corrupt file)");
            }
            long symbols = latent.values();
            for (TensorShape s : skips) symbols += s.values();
            String work = workProblem(symbols, max - min + 1 + (escape ? 1 : 0), increment, length);
            if (work != null) throw new FormatException(work);
            requireCrc(file);
            byte[] payload = new byte[length];
            in.get(payload);
            return new Contents(new Header(fp, width, height, bitDepth, latent, skips, step, min, max, increment, escape), payload);
        } catch (java.nio.BufferUnderflowException e) {
            throw new FormatException("truncated file: it ends inside the header");
        }
    }

    /**
     * The most values a payload of {@code payloadBytes} can code with an alphabet of K ≥ 2 symbols.
     * Every count is at least 1 and the total at most 2^16, so no symbol is more likely than
     * 1 − (K − 1)/2^16 and each costs at least b(K) = −log2(1 − (K − 1)/2^16 + 2^−30) bits (the
     * 2^−30 covers the coder's rounding); the coder ends within 32 bits of the information. The bound
     * allows twice that, plus 1,024: 2·(8·bytes + 64)/b(K) + 1024.
     */
    public static long maxSymbols(int alphabet, long payloadBytes) {
        if (alphabet < 2) return Long.MAX_VALUE; // one symbol costs nothing: the values are known without decoding
        double p = 1 - (alphabet - 1) / 65536.0 + 0x1p-30;
        double bits = -Math.log(p) / Math.log(2);
        return (long) Math.min(Long.MAX_VALUE / 2, 2 * (8.0 * payloadBytes + 64) / bits) + 1024;
    }

    /** Why a header asks for more decoding work than its payload can justify, or null. */
    static String workProblem(long symbols, int alphabet, int increment, long payloadBytes) {
        long most = maxSymbols(alphabet, payloadBytes);
        if (symbols > most) {
            return "the header asks for " + symbols + " values over " + alphabet + " symbols, more values than a " + payloadBytes
                    + "-byte payload can hold (at most " + most + "): corrupt or forged file";
        }
        if (alphabet > 1 && 2.0 * increment * alphabet / (65536.0 - alphabet) > MAX_HALVING_WORK) {
            return "coder increment " + increment + " with " + alphabet + " symbols would make the adaptive models halve their counts"
                    + " too often (more than " + MAX_HALVING_WORK + " operations per value): corrupt or forged file";
        }
        return null;
    }

    /** Everything {@link #read} checks about a header and payload length, as a message, or null when it is readable. */
    static String problem(Header h, long payloadLength) {
        if (h.fingerprint().length != FINGERPRINT_BYTES) return "fingerprint must have 16 bytes";
        if (h.width() < 1 || h.height() < 1 || h.width() > MAX_SIDE || h.height() > MAX_SIDE || (long) h.width() * h.height() > MAX_PIXELS) {
            return "impossible image size " + h.width() + "×" + h.height();
        }
        if (h.bitDepth() != 8 && h.bitDepth() != 16) return "impossible bit depth " + h.bitDepth();
        if (h.skips().size() > MAX_SKIPS) return h.skips().size() + " skips, at most " + MAX_SKIPS;
        List<TensorShape> all = new ArrayList<>(List.of(h.latent()));
        all.addAll(h.skips());
        for (TensorShape s : all) {
            if (s.channels() < 1 || s.height() < 1 || s.width() < 1 || s.channels() > MAX_CHANNELS || s.height() > 0xffff || s.width() > 0xffff) {
                return "impossible tensor shape " + s.channels() + "×" + s.height() + "×" + s.width();
            }
        }
        if (!(h.step() > 0) || Double.isInfinite(h.step())) return "impossible quantisation step " + h.step();
        if (h.minSymbol() > h.maxSymbol() || (long) h.maxSymbol() - h.minSymbol() + 1 + (h.escape() ? 1 : 0) > MAX_ALPHABET) {
            return "impossible symbol range " + h.minSymbol() + ".." + h.maxSymbol() + (h.escape() ? " with an escape" : "");
        }
        if (h.increment() < 1 || h.increment() > MAX_INCREMENT) return "impossible coder increment " + h.increment();
        if (payloadLength > Integer.MAX_VALUE) return "payload too large";
        return workProblem(h.symbolCount(), h.alphabet(), h.increment(), payloadLength);
    }

    private static TensorShape shape(ByteBuffer in, String what) throws FormatException {
        int c = in.getShort() & 0xffff;
        int h = in.getShort() & 0xffff;
        int w = in.getShort() & 0xffff;
        if (c < 1 || h < 1 || w < 1 || c > MAX_CHANNELS) throw new FormatException("impossible " + what + " shape " + c + "×" + h + "×" + w);
        return new TensorShape(c, h, w);
    }
}
