package dev.hourglass.train;

/**
 * Training batches as a pure function of the step number, so that a resumed run sees exactly the
 * batches an uninterrupted one would: the random state of the data is (seed, step).
 */
public interface BatchSource {

    /** Pixels of {@code batchSize()} images of size × size, row-major [n, 1, size, size]. */
    float[] batch(long step);

    int batchSize();

    int imageSize();

    /**
     * Rank {@code rank}'s disjoint share of step {@code step}'s batch when {@code world} ranks split it:
     * images [rank·b, (rank+1)·b) with b = batchSize ÷ world, so the ranks together see exactly the
     * batch one process would. This default builds the whole batch and copies the share out;
     * sources that can build single images override it.
     */
    default float[] shard(long step, int rank, int world) {
        int per = ShardedBatches.perRank(batchSize(), world);
        long pixels = (long) imageSize() * imageSize();
        float[] all = batch(step);
        return java.util.Arrays.copyOfRange(all, Math.toIntExact(rank * per * pixels), Math.toIntExact((rank + 1) * per * pixels));
    }

    /** What rank {@code rank} of {@code world} trains on: its shards of this global source (itself for a single process). */
    default BatchSource forRank(int rank, int world) {
        return world == 1 ? this : new ShardedBatches(this, rank, world);
    }

    /** A seed for step {@code step} derived from the run seed (SplitMix64 finaliser, so nearby steps decorrelate). */
    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
