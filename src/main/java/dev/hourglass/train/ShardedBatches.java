package dev.hourglass.train;

/**
 * One rank's view of a global batch source: step s gives images [rank·b, (rank+1)·b) of the
 * global batch of step s, a pure function of (seed, step, rank), so a group of any size sees the
 * batches a single process with the global batch would, and a resumed group sees the same ones again.
 */
record ShardedBatches(BatchSource global, int rank, int world) implements BatchSource {

    ShardedBatches {
        perRank(global.batchSize(), world);
        if (rank < 0 || rank >= world) throw new IllegalArgumentException("rank must be in 0.." + (world - 1) + " but was " + rank);
    }

    /** Images per rank; the global batch must split evenly. */
    static int perRank(int globalBatch, int world) {
        if (world < 1 || globalBatch % world != 0) {
            throw new IllegalArgumentException("a global batch of " + globalBatch + " does not split evenly over " + world + " ranks");
        }
        return globalBatch / world;
    }

    @Override
    public float[] batch(long step) {
        return global.shard(step, rank, world);
    }

    @Override
    public int batchSize() {
        return global.batchSize() / world;
    }

    @Override
    public int imageSize() {
        return global.imageSize();
    }
}
