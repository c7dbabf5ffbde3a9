package dev.hourglass.interop;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The element types a weights file may hold, with their names in safetensors headers and in
 * PyTorch's pickled storage classes. Floating types are read as float32 (the precision of our
 * models), integer types as int64 (BatchNorm's {@code num_batches_tracked}).
 */
public enum DType {
    F32(4, "FloatStorage", true),
    F64(8, "DoubleStorage", true),
    F16(2, "HalfStorage", true),
    BF16(2, "BFloat16Storage", true),
    I64(8, "LongStorage", false),
    I32(4, "IntStorage", false);

    private final int bytes;
    private final String storageClass;
    private final boolean floating;

    DType(int bytes, String storageClass, boolean floating) {
        this.bytes = bytes;
        this.storageClass = storageClass;
        this.floating = floating;
    }

    public int bytes() {
        return bytes;
    }

    public boolean floating() {
        return floating;
    }

    /** The safetensors name ("F32", "I64", ...). */
    public String safetensorsName() {
        return name();
    }

    /** The type of a safetensors header's {@code dtype}, or null when it is not one we read. */
    static DType ofSafetensors(String name) {
        for (DType d : values()) if (d.name().equals(name)) return d;
        return null;
    }

    /** The type of a pickled storage class such as {@code torch.FloatStorage}, or null. */
    static DType ofStorageClass(String module, String name) {
        if (!module.equals("torch")) return null;
        for (DType d : values()) if (d.storageClass.equals(name)) return d;
        return null;
    }

    /** Element {@code i} of little-endian {@code data} as a float (exact for F32, F16 and BF16). */
    float floatAt(ByteBuffer data, int i) {
        return switch (this) {
            case F32 -> data.getFloat(i * 4);
            case F64 -> (float) data.getDouble(i * 8);
            case F16 -> halfToFloat(data.getShort(i * 2));
            case BF16 -> Float.intBitsToFloat((data.getShort(i * 2) & 0xffff) << 16);
            case I64 -> data.getLong(i * 8);
            case I32 -> data.getInt(i * 4);
        };
    }

    /** Element {@code i} of little-endian {@code data} as a long (integer types only). */
    long longAt(ByteBuffer data, int i) {
        return switch (this) {
            case I64 -> data.getLong(i * 8);
            case I32 -> data.getInt(i * 4);
            default -> throw new IllegalStateException(this + " is not an integer type");
        };
    }

    /** IEEE 754 half precision to float (Float.float16ToFloat needs Java 20; we build for 17). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // Inf, NaN
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero): exact in float
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    static ByteBuffer littleEndian(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }
}
