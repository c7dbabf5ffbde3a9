package dev.hourglass.codec.entropy;

/**
 * A frozen frequency table: the counts never change, so encoder and decoder need no learning and
 * find a symbol by binary search over the cumulative counts, O(log K) per symbol.
 */
public final class StaticModel implements FrequencyModel {

    private final int[] cumulative; // cumulative[s] = sum of the frequencies of symbols below s

    public StaticModel(int[] frequencies) {
        if (frequencies.length < 1) throw new IllegalStateException("a model needs at least one symbol");
        cumulative = new int[frequencies.length + 1];
        for (int s = 0; s < frequencies.length; s++) {
            if (frequencies[s] < 1) {
                throw new IllegalStateException("frequency of symbol " + s + " must be at least 1 but was " + frequencies[s]);
            }
            cumulative[s + 1] = cumulative[s] + frequencies[s];
            if (cumulative[s + 1] > MAX_TOTAL) {
                throw new IllegalStateException("frequencies must sum to at most " + MAX_TOTAL);
            }
        }
    }

    @Override
    public int symbols() {
        return cumulative.length - 1;
    }

    @Override
    public int total() {
        return cumulative[cumulative.length - 1];
    }

    @Override
    public int low(int symbol) {
        return cumulative[symbol];
    }

    @Override
    public int high(int symbol) {
        return cumulative[symbol + 1];
    }

    @Override
    public int symbolAt(int value) {
        int lo = 0;
        int hi = cumulative.length - 2;
        while (lo < hi) {                       // the largest s with cumulative[s] <= value
            int mid = (lo + hi + 1) >>> 1;
            if (cumulative[mid] <= value) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    @Override
    public void update(int symbol) {
        // frozen
    }

    /** The fewest bits any symbol of this table can cost: −log2 of the largest probability. */
    public double minimumBits() {
        int max = 0;
        for (int s = 0; s < symbols(); s++) max = Math.max(max, high(s) - low(s));
        return -Math.log(max / (double) total()) / Math.log(2);
    }
}
