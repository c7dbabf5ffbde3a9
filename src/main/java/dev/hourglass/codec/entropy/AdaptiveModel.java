package dev.hourglass.codec.entropy;

/**
 * A frequency model that learns as it codes: every symbol starts at 1, a coded symbol gains
 * an increment ({@link #INCREMENT} by default), and all counts are halved (rounding up, so none reaches 0) when the total
 * would pass {@link FrequencyModel#MAX_TOTAL}. Encoder and decoder make the same updates.
 * Cumulative counts live in a Fenwick tree (Fenwick, 1994): {@link #low}, {@link #symbolAt} and
 * {@link #update} take O(log K) for K symbols, where version 1 scanned the counts linearly; the
 * counts, and so the coded bits, are the same. A halving rebuilds the tree in O(K).
 */
public final class AdaptiveModel implements FrequencyModel {

    public static final int INCREMENT = 24;

    private final int[] freq;
    /** Fenwick tree, 1-based: tree[i] holds the sum of freq over (i − lowbit(i), i]. */
    private final int[] tree;
    private final int topBit;
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
        tree = new int[symbols + 1];
        topBit = Integer.highestOneBit(symbols);
        java.util.Arrays.fill(freq, 1);
        rebuild();
    }

    /** Rebuilds the tree from the counts in O(K) and recomputes the total. */
    private void rebuild() {
        int n = freq.length;
        int sum = 0;
        for (int i = 1; i <= n; i++) {
            tree[i] = freq[i - 1];
            sum += freq[i - 1];
        }
        for (int i = 1; i <= n; i++) {
            int parent = i + (i & -i);
            if (parent <= n) tree[parent] += tree[i];
        }
        total = sum;
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
        for (int i = symbol; i > 0; i -= i & -i) s += tree[i];
        return s;
    }

    @Override
    public int high(int symbol) {
        return low(symbol) + freq[symbol];
    }

    @Override
    public int symbolAt(int value) {
        if (value < 0 || value >= total) throw new IllegalStateException("value " + value + " is not in 0.." + (total - 1));
        int pos = 0;
        int rest = value;
        for (int step = topBit; step > 0; step >>>= 1) {
            int next = pos + step;
            if (next <= freq.length && tree[next] <= rest) {
                pos = next;
                rest -= tree[next];
            }
        }
        return pos; // low(pos) ≤ value < low(pos) + freq[pos]
    }

    @Override
    public void update(int symbol) {
        freq[symbol] += increment;
        total += increment;
        if (total > MAX_TOTAL) {
            for (int i = 0; i < freq.length; i++) freq[i] = (freq[i] + 1) >>> 1;
            rebuild();
            return;
        }
        for (int i = symbol + 1; i <= freq.length; i += i & -i) tree[i] += increment;
    }
}
