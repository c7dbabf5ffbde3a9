package dev.hourglass.train;

import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageLoadException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A rank's training crops from its own shard of the file list, decoded on demand through a bounded
 * {@link DecodedImageCache}: for sets that do not fit in memory. File k of the (seeded, shuffled)
 * list belongs to rank k mod world; crop i of step s comes from the random stream (seed, step,
 * rank), so the batches stay a pure function of (seed, step, rank) and --resume repeats them. A
 * file that cannot be decoded is dropped from the shard and another is drawn.
 *
 * <p>Memory per rank: at most the cache cap for decoded images, plus the prefetched batches.
 */
final class StreamedCrops implements BatchSource {

    private final List<Path> shard;
    private final long seed;
    private final int rank;
    private final int world;
    private final int batchSize;
    private final int imageSize;
    private final DecodedImageCache cache;
    private final List<String> dropped = new ArrayList<>();

    StreamedCrops(List<Path> allFiles, long seed, int rank, int world, int batchSize, int imageSize, DecodedImageCache cache) {
        List<Path> mine = new ArrayList<>();
        for (int k = rank; k < allFiles.size(); k += world) mine.add(allFiles.get(k));
        if (mine.isEmpty()) {
            throw new IllegalArgumentException("rank " + rank + " of " + world + " gets no training file: the folder has only "
                    + allFiles.size() + " training file(s); use fewer ranks or more files");
        }
        this.shard = mine;
        this.seed = seed;
        this.rank = rank;
        this.world = world;
        this.batchSize = batchSize;
        this.imageSize = imageSize;
        this.cache = cache;
    }

    @Override
    public synchronized float[] batch(long step) {
        Random r = new Random(BatchSource.mix(BatchSource.mix(seed, step), rank));
        List<GrayImage> crops = new ArrayList<>(batchSize);
        while (crops.size() < batchSize) {
            if (shard.isEmpty()) throw new IllegalStateException("no file of rank " + rank + "'s shard can be decoded: " + dropped);
            int k = r.nextInt(shard.size());
            try {
                crops.add(Crops.randomCrop(cache.get(shard.get(k)), imageSize, r));
            } catch (ImageLoadException e) {
                dropped.add(e.getMessage());
                shard.remove(k);
            }
        }
        return GrayImage.stack(crops);
    }

    /** Already one rank's share: the batches of this rank, never split again. */
    @Override
    public BatchSource forRank(int rank, int world) {
        if (rank != this.rank || world != this.world) throw new IllegalArgumentException("built for rank " + this.rank + " of " + this.world);
        return this;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    int shardFiles() {
        return shard.size();
    }
}
