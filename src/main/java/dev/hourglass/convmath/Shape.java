package dev.hourglass.convmath;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A tensor shape such as (8, 1, 256, 256); written {@code 8x1x256x256} on the command line. */
public record Shape(long[] dims) {

    public Shape {
        dims = dims.clone();
        for (long d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape sizes must be positive but got " + Arrays.toString(dims));
            }
        }
    }

    public static Shape of(long... dims) {
        return new Shape(dims);
    }

    /** Parses {@code 8x1x256x256} (also accepts commas or spaces as separators). */
    public static Shape parse(String text) {
        String[] parts = text.trim().split("[x×, ]+");
        long[] d = new long[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                d[i] = Long.parseLong(parts[i]);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read shape '" + text + "': expected sizes like 4x1x256x256");
        }
        return new Shape(d);
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i];
    }

    public long numel() {
        long n = 1;
        for (long d : dims) n = Math.multiplyExact(n, d);
        return n;
    }

    public Shape withDim(int i, long value) {
        long[] d = dims.clone();
        d[i] = value;
        return new Shape(d);
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** PyTorch-like tuple: {@code (8, 64, 128, 128)}. */
    @Override
    public String toString() {
        return Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
