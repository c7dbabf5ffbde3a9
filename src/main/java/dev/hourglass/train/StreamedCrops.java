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
 * file that cannot be decoded is remembered as bad and another is drawn from the same stream; the
 * shard itself never shrinks, so a draw does not depend on which bad files this process has met
 * before (a resumed process, which has met none, draws the same crops).
 *
 * <p>Memory per rank: at most the cache cap for decoded images, plus the prefetched batches.
 */
final class StreamedCrops implements BatchSource {

    /** Draws per crop before a shard that is almost all undecodable is given up on. */
    static final int MAX_DRAWS_PER_CROP = 1000;

    private final List<Path> shard;
    private final long seed;
    private final int rank;
    private final int world;
    private final int batchSize;
    private final int imageSize;
    private final DecodedImageCache cache;
    private final java.util.Set<Integer> bad = new java.util.HashSet<>();
    private final List<String> reasons = new ArrayList<>();

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
        long draws = 0;
        while (crops.size() < batchSize) {
            // bad input, not a bug: rank r's files may all be non-images (exit 3)
            if (bad.size() == shard.size() || ++draws > MAX_DRAWS_PER_CROP * batchSize) throw undecodable();
            int k = r.nextInt(shard.size());
            if (bad.contains(k)) continue; // drawn as a process that has not met it yet draws it: one draw, then the next
            try {
                crops.add(Crops.randomCrop(cache.get(shard.get(k)), imageSize, r));
            } catch (ImageLoadException e) {
                bad.add(k);
                if (reasons.size() < 3) reasons.add(e.getMessage());
            }
        }
        return GrayImage.stack(crops);
    }

    private IllegalArgumentException undecodable() {
        return new IllegalArgumentException("rank " + rank + " of " + world + " cannot train: " + bad.size() + " of the " + shard.size()
                + " files of its shard of the training files (e.g. " + shard.get(0).toAbsolutePath().getParent() + ") cannot be decoded"
                + (bad.size() < shard.size() ? ", and " + MAX_DRAWS_PER_CROP + " draws per crop met none of the others" : "")
                + "; first reasons: " + String.join("; ", reasons) + " (remove them, or use fewer ranks)");
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

    /** The files of the shard known so far to be undecodable. */
    synchronized int badFiles() {
        return bad.size();
    }
}
