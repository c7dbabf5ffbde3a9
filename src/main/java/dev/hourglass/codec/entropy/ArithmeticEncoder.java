package dev.hourglass.codec.entropy;

import java.io.ByteArrayOutputStream;

/**
 * Binary arithmetic coder with 32-bit state (Witten, Neal and Cleary, 1987): the interval
 * [low, high] narrows by each symbol's share of the model's total; leading bits that low and high
 * share are emitted, and near-half underflow is resolved by deferred opposite bits. With totals up
 * to 2^16 the interval never falls below 2^30, so integer division keeps every symbol's share
 * non-empty. Costs at most a few bits over the ideal code length per message.
 */
public final class ArithmeticEncoder {

    static final long FULL = 1L << 32;
    static final long HALF = FULL >>> 1;
    static final long QUARTER = HALF >>> 1;
    static final long MASK = FULL - 1;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int bitBuffer;
    private int bitCount;
    private long low;
    private long high = MASK;
    private int pendingBits;
    private boolean finished;

    public void encode(FrequencyModel model, int symbol) {
        if (finished) throw new IllegalStateException("encoder already finished");
        if (symbol < 0 || symbol >= model.symbols()) {
            throw new IllegalStateException("symbol " + symbol + " outside 0.." + (model.symbols() - 1));
        }
        long range = high - low + 1;
        long total = model.total();
        long newLow = low + model.low(symbol) * range / total;
        long newHigh = low + model.high(symbol) * range / total - 1;
        low = newLow;
        high = newHigh;
        while (((low ^ high) & HALF) == 0) {               // same top bit: it is decided
            emit((int) (low >>> 31));
            low = (low << 1) & MASK;
            high = ((high << 1) & MASK) | 1;
        }
        while ((low & ~high & QUARTER) != 0) {             // low = 01..., high = 10...: underflow
            pendingBits++;
            low = (low << 1) ^ HALF;
            high = ((high ^ HALF) << 1) | HALF | 1;
        }
        model.update(symbol);
    }

    /** Ends the message and returns its bytes; the last partial byte is padded with zeros. */
    public byte[] finish() {
        if (!finished) {
            emit(1); // any value inside [low, high] with a 1 after the decided bits identifies the interval
            if (bitCount > 0) {
                out.write(bitBuffer << (8 - bitCount));
            }
            finished = true;
        }
        return out.toByteArray();
    }

    private void emit(int bit) {
        writeBit(bit);
        for (; pendingBits > 0; pendingBits--) writeBit(bit ^ 1);
    }

    private void writeBit(int bit) {
        bitBuffer = (bitBuffer << 1) | bit;
        if (++bitCount == 8) {
            out.write(bitBuffer);
            bitBuffer = 0;
            bitCount = 0;
        }
    }
}
