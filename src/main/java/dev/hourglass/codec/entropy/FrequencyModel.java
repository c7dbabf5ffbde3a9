package dev.hourglass.codec.entropy;

/**
 * Integer frequencies of the symbols 0..n−1 with their cumulative sums. Every frequency is at
 * least 1, so any symbol can be coded; the total stays at or below {@link #MAX_TOTAL}.
 */
public interface FrequencyModel {

    /** Largest total any model may reach; the coder's precision needs total ≤ 2^16 here. */
    int MAX_TOTAL = 1 << 16;

    int symbols();

    int total();

    /** Sum of the frequencies of the symbols below {@code symbol}. */
    int low(int symbol);

    /** low(symbol) + freq(symbol). */
    int high(int symbol);

    /** The symbol s with low(s) ≤ value < high(s). */
    int symbolAt(int value);

    /** Called after coding {@code symbol}; adaptive models learn here, static ones ignore it. */
    void update(int symbol);
}
