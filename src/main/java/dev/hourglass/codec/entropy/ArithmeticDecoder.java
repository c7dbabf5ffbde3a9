package dev.hourglass.codec.entropy;

/**
 * Decoder for {@link ArithmeticEncoder}: mirrors its interval arithmetic exactly. Reading past the
 * end of the data yields zero bits, as the encoder's padding does, but only for
 * {@link #MAX_BITS_PAST_END} bits: the decoder keeps 32 bits in its code register, so a valid
 * stream never reads more than 32 bits beyond its last byte. Reading further means the stream holds
 * fewer symbols than asked for (a truncated or forged payload): {@link TruncatedStreamException}.
 */
public final class ArithmeticDecoder {

    /** Bits a decoder may read past the data: its 32-bit register, with margin. */
    public static final int MAX_BITS_PAST_END = 64;

    private final byte[] data;
    private int bitPos;
    private long low;
    private long high = ArithmeticEncoder.MASK;
    private long code;

    public ArithmeticDecoder(byte[] data) {
        this.data = data.clone();
        for (int i = 0; i < 32; i++) code = (code << 1) | readBit();
    }

    public int decode(FrequencyModel model) {
        long range = high - low + 1;
        long total = model.total();
        long value = ((code - low + 1) * total - 1) / range;
        // only corrupt data puts code outside [low, high]; clamp so it decodes to garbage, not an exception
        int symbol = model.symbolAt((int) Math.min(Math.max(value, 0), total - 1));
        long newLow = low + model.low(symbol) * range / total;
        long newHigh = low + model.high(symbol) * range / total - 1;
        low = newLow;
        high = newHigh;
        while (((low ^ high) & ArithmeticEncoder.HALF) == 0) {
            low = (low << 1) & ArithmeticEncoder.MASK;
            high = ((high << 1) & ArithmeticEncoder.MASK) | 1;
            code = ((code << 1) & ArithmeticEncoder.MASK) | readBit();
        }
        while ((low & ~high & ArithmeticEncoder.QUARTER) != 0) {
            low = (low << 1) ^ ArithmeticEncoder.HALF;
            high = ((high ^ ArithmeticEncoder.HALF) << 1) | ArithmeticEncoder.HALF | 1;
            code = (code & ArithmeticEncoder.HALF) | ((code << 1) & (ArithmeticEncoder.MASK >>> 1)) | readBit();
        }
        model.update(symbol);
        return symbol;
    }

    private int readBit() {
        if (bitPos >= data.length * 8L) {
            if (++bitPos > data.length * 8L + MAX_BITS_PAST_END) {
                throw new TruncatedStreamException("the coded data ends before its symbols (read more than "
                        + MAX_BITS_PAST_END + " bits past its " + data.length + " bytes)");
            }
            return 0;
        }
        int bit = (data[bitPos >>> 3] >>> (7 - (bitPos & 7))) & 1;
        bitPos++;
        return bit;
    }
}
