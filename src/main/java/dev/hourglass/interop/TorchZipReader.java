package dev.hourglass.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a file written by {@code torch.save(model.state_dict(), path)} (PyTorch ≥ 1.6): a zip whose
 * one top-level folder holds {@code data.pkl} (the dict, tensors as references to storages),
 * {@code data/<key>} (each storage's raw little-endian elements), {@code version} and, from
 * PyTorch 2.1, {@code byteorder}. Every reference is checked against the entry it points into
 * before a byte is copied.
 */
final class TorchZipReader {

    /** Largest data.pkl we unpickle; a state_dict's is a few kB per hundred tensors. */
    static final int MAX_PICKLE = 64 << 20;

    private TorchZipReader() {
    }

    static Map<String, ForeignTensor> read(Path file) {
        String what = file.toString();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = prefix(zip, what);
            if (zip.getEntry(prefix + "constants.pkl") != null) {
                throw new InteropException(what + ": a TorchScript archive (or an hourglass checkpoint), not a state_dict; in PyTorch save"
                        + " torch.save(model.state_dict(), path) (for a TorchScript file: torch.jit.load(f).state_dict())");
            }
            ZipEntry byteorder = zip.getEntry(prefix + "byteorder");
            if (byteorder != null) {
                String order = new String(bytes(zip, byteorder, 16, what), StandardCharsets.US_ASCII).strip();
                if (!order.equals("little")) throw new InteropException(what + ": tensors stored " + order + "-endian; only little-endian is read");
            }
            Object root = StateDictUnpickler.load(bytes(zip, zip.getEntry(prefix + "data.pkl"), MAX_PICKLE, what), what);
            if (!(root instanceof Map<?, ?> dict)) {
                throw new InteropException(what + ": holds a pickled " + typeName(root) + ", not a state_dict (a dict of tensors)");
            }
            Map<String, byte[]> storages = new HashMap<>();
            Map<String, ForeignTensor> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                if (!(e.getKey() instanceof String name)) throw new InteropException(what + ": a state_dict key is not a string");
                if (!(e.getValue() instanceof PickledTensor t)) {
                    throw new InteropException(what + ": entry " + name + " is a " + typeName(e.getValue()) + ", not a tensor");
                }
                PickledStorage s = t.storage();
                byte[] data = storages.get(s.key());
                if (data == null) {
                    ZipEntry entry = zip.getEntry(prefix + "data/" + s.key());
                    if (entry == null) throw new InteropException(what + ": tensor " + name + " refers to storage " + s.key() + ", which is missing");
                    long size;
                    try {
                        size = Math.multiplyExact(s.numel(), s.dtype().bytes());
                    } catch (ArithmeticException x) {
                        throw new InteropException(what + ": storage " + s.key() + " declares " + s.numel() + " elements");
                    }
                    if (s.numel() < 0 || size > Shapes.MAX_BYTES) throw new InteropException(what + ": storage " + s.key() + " declares " + s.numel() + " elements");
                    data = bytes(zip, entry, (int) size, what);
                    if (data.length != size) {
                        throw new InteropException(what + ": storage " + s.key() + " holds " + data.length + " bytes but its tensor needs " + size);
                    }
                    storages.put(s.key(), data);
                }
                out.put(name, gather(name, t, data, what));
            }
            return out;
        } catch (IOException e) {
            throw new InteropException(what + ": not a readable PyTorch zip (truncated or corrupt?): " + e.getMessage(), e);
        }
    }

    /** The entries' common top-level folder ("archive/" or the file's stem in newer PyTorch). */
    private static String prefix(ZipFile zip, String what) {
        String found = null;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String n = entries.nextElement().getName();
            if (n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) {
                if (found != null) throw new InteropException(what + ": holds more than one data.pkl");
                found = n.substring(0, n.length() - "data.pkl".length());
            }
        }
        if (found == null) throw new InteropException(what + ": a zip without data.pkl, so not a torch.save file");
        return found;
    }

    /** At most {@code max} bytes of an entry; an entry longer than that is refused. */
    private static byte[] bytes(ZipFile zip, ZipEntry e, int max, String what) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes(max);
            if (in.read() >= 0) throw new InteropException(what + ": entry " + e.getName() + " is longer than the " + max + " bytes expected");
            return b;
        }
    }

    /** The tensor's elements in row-major order, every index checked to lie inside the storage. */
    private static ForeignTensor gather(String name, PickledTensor t, byte[] storage, String what) {
        long[] size = t.size();
        long[] stride = t.stride();
        int es = t.storage().dtype().bytes();
        long elements = storage.length / es;
        long n;
        try {
            n = Shapes.numel(size);
        } catch (IllegalArgumentException | ArithmeticException x) {
            throw new InteropException(what + ": tensor " + name + " has an impossible size");
        }
        if (stride.length != size.length || t.offset() < 0) throw new InteropException(what + ": tensor " + name + " has an impossible stride or offset");
        if (n > 0 && t.offset() >= elements) {
            throw new InteropException(what + ": tensor " + name + " starts past the end of its storage of " + elements + " elements");
        }
        long last = t.offset();
        for (int d = 0; d < size.length; d++) {
            if (stride[d] < 0) throw new InteropException(what + ": tensor " + name + " has a negative stride");
            // each term < 2^62 and last < elements ≤ 2^31 before it, so the sum cannot overflow
            if (n > 0) last += (size[d] - 1) * Math.min(stride[d], elements);
            if (n > 0 && last >= elements) {
                throw new InteropException(what + ": tensor " + name + " reaches past the end of its storage of " + elements + " elements");
            }
        }
        byte[] out = new byte[Math.toIntExact(n * es)];
        long[] index = new long[size.length];
        for (int i = 0; i < n; i++) {
            long src = t.offset();
            for (int d = 0; d < size.length; d++) src += index[d] * stride[d];
            System.arraycopy(storage, (int) (src * es), out, i * es, es);
            for (int d = size.length - 1; d >= 0; d--) { // next row-major index
                if (++index[d] < size[d]) break;
                index[d] = 0;
            }
        }
        return new ForeignTensor(t.storage().dtype(), size, out);
    }

    static String typeName(Object o) {
        if (o == null) return "None";
        if (o instanceof Object[]) return "tuple";
        if (o instanceof java.util.List<?>) return "list";
        if (o instanceof Map<?, ?>) return "dict";
        if (o instanceof String) return "string";
        if (o instanceof Number) return "number";
        if (o instanceof PickledStorage) return "bare storage";
        return o.getClass().getSimpleName();
    }
}
