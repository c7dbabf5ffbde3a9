package dev.hourglass.codec.entropy;

/**
 * Decoder for {@link ArithmeticEncoder}: mirrors its interval arithmetic exactly. Reading past the
 * end of the data yields zero bits, as the encoder's padding does; the caller knows how many
 * symbols to read (they are stored elsewhere), so a truncated payload decodes to wrong symbols,
 * never to an exception here, and the file's checksum catches it.
 */
public final class ArithmeticDecoder {

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
        if (bitPos >= data.length * 8) {
            bitPos++;
            return 0;
        }
        int bit = (data[bitPos >>> 3] >>> (7 - (bitPos & 7))) & 1;
        bitPos++;
        return bit;
    }
}
