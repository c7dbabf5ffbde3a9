package dev.hourglass.interop;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code name → {dtype, shape, data_offsets: [begin, end]}}, optionally {@code __metadata__}: a
 * map of strings), then the data. Validated as strictly as the format's own reference: known
 * dtypes, non-negative shapes, {@code end − begin} equal to the shape's bytes, and the tensors'
 * byte ranges tiling the data exactly (no gap, no overlap, nothing after).
 */
final class SafetensorsReader {

    /** Largest header we parse (the reference implementation's limit). */
    static final long MAX_HEADER = 100L << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SafetensorsReader() {
    }

    record Contents(Map<String, ForeignTensor> tensors, Map<String, String> metadata) {
    }

    static Contents read(Path file) {
        String what = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw new InteropException(what + ": too short for a safetensors file (" + size + " bytes)");
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long n = len.getLong(0);
            if (n < 2 || n > MAX_HEADER || n > size - 8) {
                throw new InteropException(what + ": header length " + Long.toUnsignedString(n) + " does not fit the file of " + size
                        + " bytes (not a safetensors file, or truncated)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            readFully(ch, header, 8);
            long dataStart = 8 + n;
            long dataLength = size - dataStart;
            if (dataLength > Integer.MAX_VALUE) throw new InteropException(what + ": more than 2 GiB of tensor data; not supported");
            Header h = parse(new String(header.array(), StandardCharsets.UTF_8), dataLength, what);
            ByteBuffer data = ByteBuffer.allocate((int) dataLength);
            readFully(ch, data, dataStart);
            Map<String, ForeignTensor> tensors = new LinkedHashMap<>();
            for (Slot s : h.slots()) {
                tensors.put(s.name, new ForeignTensor(s.dtype, s.shape, Arrays.copyOfRange(data.array(), (int) s.begin, (int) s.end)));
            }
            return new Contents(tensors, h.metadata());
        } catch (IOException e) {
            throw new InteropException(what + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, position + b.position());
            if (r < 0) throw new IOException("unexpected end of file");
        }
    }

    private record Slot(String name, DType dtype, long[] shape, long begin, long end) {
    }

    private record Header(List<Slot> slots, Map<String, String> metadata) {
    }

    /** Parses and validates the header against the length of the data that follows it. */
    private static Header parse(String headerJson, long dataLength, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(headerJson.stripTrailing()); // the writer may pad the header with spaces
        } catch (JsonProcessingException e) {
            throw new InteropException(what + ": the header is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode obj)) throw new InteropException(what + ": the header is not a JSON object");
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Slot> slots = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                if (!e.getValue().isObject()) throw new InteropException(what + ": __metadata__ is not an object");
                e.getValue().fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) throw new InteropException(what + ": __metadata__ value " + m.getKey() + " is not a string");
                    metadata.put(m.getKey(), m.getValue().textValue());
                });
                continue;
            }
            slots.add(slot(e.getKey(), e.getValue(), what));
        }
        List<Slot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparingLong(Slot::begin).thenComparingLong(Slot::end));
        long next = 0;
        for (Slot s : sorted) {
            if (s.begin != next) {
                throw new InteropException(what + ": tensor " + s.name + " starts at byte " + s.begin + " but the previous one ends at " + next
                        + " (gaps and overlaps are not allowed)");
            }
            next = s.end;
        }
        if (next != dataLength) {
            throw new InteropException(what + ": the tensors cover " + next + " bytes of data but the file holds " + dataLength
                    + " (truncated, or bytes after the last tensor)");
        }
        return new Header(slots, metadata);
    }

    private static Slot slot(String name, JsonNode info, String what) {
        if (!info.isObject()) throw new InteropException(what + ": entry " + name + " is not an object");
        for (Iterator<String> f = info.fieldNames(); f.hasNext(); ) {
            String k = f.next();
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw new InteropException(what + ": entry " + name + " has an unknown field " + k);
            }
        }
        JsonNode dt = info.get("dtype");
        DType dtype = dt != null && dt.isTextual() ? DType.ofSafetensors(dt.textValue()) : null;
        if (dtype == null) {
            throw new InteropException(what + ": entry " + name + " has dtype " + dt + "; supported: F32, F64, F16, BF16, I64, I32");
        }
        JsonNode sh = info.get("shape");
        if (sh == null || !sh.isArray()) throw new InteropException(what + ": entry " + name + " has no shape list");
        long[] shape = new long[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!sh.get(i).isIntegralNumber() || !sh.get(i).canConvertToLong() || sh.get(i).longValue() < 0) {
                throw new InteropException(what + ": entry " + name + " has a shape that is not a list of non-negative integers: " + sh);
            }
            shape[i] = sh.get(i).longValue();
        }
        JsonNode off = info.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()
                || !off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber()) {
            throw new InteropException(what + ": entry " + name + " has no data_offsets [begin, end]");
        }
        long begin = off.get(0).longValue();
        long end = off.get(1).longValue();
        long bytes;
        try {
            bytes = Math.multiplyExact(Shapes.numel(shape), dtype.bytes());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InteropException(what + ": entry " + name + " has an impossible shape " + sh);
        }
        if (begin < 0 || end < begin || end - begin != bytes) {
            throw new InteropException(what + ": entry " + name + " spans bytes " + begin + ".." + end + " but its shape " + sh + " of "
                    + dtype + " needs " + bytes);
        }
        return new Slot(name, dtype, shape, begin, end);
    }
}
