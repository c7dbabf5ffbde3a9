package dev.hourglass.runtime;

import java.util.Arrays;

/**
 * One parameter or buffer of a model as plain Java values: its PyTorch-style name, shape, and
 * either float32 values ({@code floats}) or, for integer buffers such as BatchNorm's
 * {@code num_batches_tracked}, int64 values ({@code longs}); the other is null. Row-major.
 */
public record WeightTensor(String name, long[] shape, float[] floats, long[] longs) {

    public WeightTensor {
        if ((floats == null) == (longs == null)) throw new IllegalArgumentException(name + ": exactly one of floats and longs");
        long n = 1;
        for (long d : shape) n = Math.multiplyExact(n, d);
        int len = floats != null ? floats.length : longs.length;
        if (n != len) throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + n + " values but has " + len);
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public boolean integer() {
        return longs != null;
    }
}
