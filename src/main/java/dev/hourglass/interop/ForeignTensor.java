package dev.hourglass.interop;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One tensor read from a foreign weights file: its element type, shape and contiguous row-major
 * little-endian bytes (strided PyTorch views are gathered into this form when read).
 */
public record ForeignTensor(DType dtype, long[] shape, byte[] data) {

    public ForeignTensor {
        shape = shape.clone();
        if ((long) data.length != Shapes.numel(shape) * dtype.bytes()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + Shapes.numel(shape) * dtype.bytes() + " bytes but " + data.length + " were given");
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int numel() {
        return (int) Shapes.numel(shape);
    }

    /** The values as floats (floating types; integer types converted). */
    public float[] floats() {
        ByteBuffer b = DType.littleEndian(data);
        float[] out = new float[numel()];
        for (int i = 0; i < out.length; i++) out[i] = dtype.floatAt(b, i);
        return out;
    }

    /** The values as longs (integer types only). */
    public long[] longs() {
        ByteBuffer b = DType.littleEndian(data);
        long[] out = new long[numel()];
        for (int i = 0; i < out.length; i++) out[i] = dtype.longAt(b, i);
        return out;
    }

    /** "F32 [64, 1, 4, 4]". */
    public String describe() {
        return dtype + " " + Arrays.toString(shape);
    }
}
