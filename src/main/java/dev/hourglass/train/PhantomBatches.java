package dev.hourglass.train;

import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Phantoms;

import java.util.ArrayList;
import java.util.List;

/** An endless stream of procedural phantoms: image i of step s is phantom (seed, s·batch + i). */
public record PhantomBatches(long seed, int batchSize, int imageSize) implements BatchSource {

    @Override
    public float[] batch(long step) {
        return images(step, 0, batchSize);
    }

    /** Only this rank's phantoms are generated. */
    @Override
    public float[] shard(long step, int rank, int world) {
        int per = ShardedBatches.perRank(batchSize, world);
        return images(step, rank * per, per);
    }

    private float[] images(long step, int from, int count) {
        List<GrayImage> images = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            images.add(Phantoms.generate(1, imageSize, BatchSource.mix(seed, step * batchSize + i)).get(0));
        }
        return GrayImage.stack(images);
    }
}
