package dev.hourglass.convmath;

/**
 * Exact long arithmetic for counts (parameters, MACs, bytes, receptive fields): a result beyond a
 * long (or an int, where the value is an int) is refused with an IllegalArgumentException naming the
 * quantity, never wrapped around to a negative number.
 */
public final class Exact {

    private Exact() {
    }

    public static long multiply(String what, long... factors) {
        long p = 1;
        try {
            for (long f : factors) p = Math.multiplyExact(p, f);
        } catch (ArithmeticException e) {
            throw tooLarge(what, Long.MAX_VALUE);
        }
        return p;
    }

    public static long add(String what, long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw tooLarge(what, Long.MAX_VALUE);
        }
    }

    public static int toInt(String what, long v) {
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) throw tooLarge(what, Integer.MAX_VALUE);
        return (int) v;
    }

    private static IllegalArgumentException tooLarge(String what, long limit) {
        return new IllegalArgumentException(what + " is too large to compute exactly (above " + String.format("%,d", limit) + ")");
    }
}
