package dev.hourglass.inspect;

import java.util.Locale;

/** Number formatting shared by the renderers: thousands separators, units, fixed decimals. */
public final class Numbers {

    private Numbers() {
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** 1.23 MiB style, for memory sizes. */
    public static String bytes(long b) {
        if (b < 0) return "-" + bytes(-b);
        if (b < 1024) return b + " B";
        if (b < 1024L * 1024) return fixed(b / 1024.0, 1) + " KiB";
        if (b < 1024L * 1024 * 1024) return fixed(b / (1024.0 * 1024), 2) + " MiB";
        return fixed(b / (1024.0 * 1024 * 1024), 2) + " GiB";
    }

    /** 1.23 G style, for operation counts. */
    public static String scaled(long n) {
        if (n < 1_000_000) return count(n);
        if (n < 1_000_000_000) return fixed(n / 1e6, 2) + " M";
        return fixed(n / 1e9, 2) + " G";
    }

    /** A jump such as 16, or 0.5 inside a decoder. */
    public static String jump(double j) {
        return j == Math.rint(j) ? Long.toString((long) j) : fixed(j, 3).replaceAll("0+$", "");
    }
}
