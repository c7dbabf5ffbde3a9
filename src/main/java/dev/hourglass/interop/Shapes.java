package dev.hourglass.interop;

/** Overflow-checked element counts of untrusted shapes. */
final class Shapes {

    /** Largest tensor we read: its bytes must fit one Java array. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private Shapes() {
    }

    /** The number of elements; throws for a negative dimension or a count beyond {@link #MAX_BYTES}. */
    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension " + d);
            n = Math.multiplyExact(n, d);
            if (n > MAX_BYTES) throw new IllegalArgumentException("a tensor of more than " + MAX_BYTES + " elements");
        }
        return n;
    }
}
