package dev.hourglass.codec.entropy;

/**
 * Elias-gamma code of a positive integer n, written as equiprobable bits through the arithmetic
 * coder: ⌊log2 n⌋ zeros, then n in binary from its leading 1. It codes the values a frozen table
 * sends to its escape symbol, so no integer is ever unencodable; n costs 2⌊log2 n⌋ + 1 bits.
 */
public final class EliasGamma {

    /** Largest number of leading zeros a decoder accepts: values stay below 2^31. */
    public static final int MAX_ZEROS = 30;

    private static final StaticModel BIT = new StaticModel(new int[]{1, 1});

    private EliasGamma() {
    }

    public static void encode(ArithmeticEncoder enc, int n) {
        if (n < 1) throw new IllegalStateException("Elias-gamma codes positive integers but got " + n);
        int zeros = 31 - Integer.numberOfLeadingZeros(n);
        for (int i = 0; i < zeros; i++) enc.encode(BIT, 0);
        for (int b = zeros; b >= 0; b--) enc.encode(BIT, (n >>> b) & 1);
    }

    /** The next value, or −1 when the stream holds more leading zeros than any valid value has. */
    public static int decode(ArithmeticDecoder dec) {
        int zeros = 0;
        while (dec.decode(BIT) == 0) {
            if (++zeros > MAX_ZEROS) return -1;
        }
        int n = 1;
        for (int b = 0; b < zeros; b++) n = (n << 1) | dec.decode(BIT);
        return n;
    }
}
