package dev.hourglass.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hourglass.runtime.WeightTensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes tensors as a {@code .safetensors} file: float tensors as F32, integer ones (BatchNorm's
 * {@code num_batches_tracked}) as I64, in the given order, the header padded with spaces to a
 * multiple of 8 bytes as the reference writer does (so the data is aligned).
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    public static byte[] bytes(List<WeightTensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (WeightTensor t : tensors) {
            ObjectNode e = header.putObject(t.name());
            e.put("dtype", t.integer() ? DType.I64.safetensorsName() : DType.F32.safetensorsName());
            ArrayNode shape = e.putArray("shape");
            for (long d : t.shape()) shape.add(d);
            long size = (long) (t.integer() ? t.longs().length : t.floats().length) * (t.integer() ? 8 : 4);
            e.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) out.put((byte) ' ');
        for (WeightTensor t : tensors) {
            if (t.integer()) {
                for (long v : t.longs()) out.putLong(v);
            } else {
                for (float v : t.floats()) out.putFloat(v);
            }
        }
        return out.array();
    }
}
