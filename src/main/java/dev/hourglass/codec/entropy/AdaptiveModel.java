package dev.hourglass.codec.entropy;

/**
 * A frequency model that learns as it codes: every symbol starts at 1, a coded symbol gains
 * an increment ({@link #INCREMENT} by default), and all counts are halved (rounding up, so none reaches 0) when the total
 * would pass {@link FrequencyModel#MAX_TOTAL}. Encoder and decoder make the same updates.
 */
public final class AdaptiveModel implements FrequencyModel {

    public static final int INCREMENT = 24;

    private final int[] freq;
    private final int increment;
    private int total;

    public AdaptiveModel(int symbols) {
        this(symbols, INCREMENT);
    }

    public AdaptiveModel(int symbols, int increment) {
        if (symbols < 1 || symbols > MAX_TOTAL / 2) {
            throw new IllegalArgumentException("an adaptive model needs 1.." + MAX_TOTAL / 2 + " symbols but got " + symbols);
        }
        if (increment < 1 || increment > MAX_TOTAL / 4) {
            throw new IllegalArgumentException("increment must be in 1.." + MAX_TOTAL / 4 + " but was " + increment);
        }
        this.increment = increment;
        freq = new int[symbols];
        java.util.Arrays.fill(freq, 1);
        total = symbols;
    }

    @Override
    public int symbols() {
        return freq.length;
    }

    @Override
    public int total() {
        return total;
    }

    @Override
    public int low(int symbol) {
        int s = 0;
        for (int i = 0; i < symbol; i++) s += freq[i];
        return s;
    }

    @Override
    public int high(int symbol) {
        return low(symbol) + freq[symbol];
    }

    @Override
    public int symbolAt(int value) {
        int s = 0;
        for (int i = 0; i < freq.length; i++) {
            s += freq[i];
            if (value < s) return i;
        }
        throw new IllegalArgumentException("value " + value + " is not below the total " + total);
    }

    @Override
    public void update(int symbol) {
        freq[symbol] += increment;
        total += increment;
        if (total > MAX_TOTAL) {
            total = 0;
            for (int i = 0; i < freq.length; i++) {
                freq[i] = (freq[i] + 1) >>> 1;
                total += freq[i];
            }
        }
    }
}
