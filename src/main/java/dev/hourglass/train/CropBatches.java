package dev.hourglass.train;

import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random square crops of training images (reflect-padded when smaller), drawn from (seed, step). A
 * rank's shard draws the whole batch's random numbers but copies only its own crops.
 */
public record CropBatches(List<GrayImage> images, long seed, int batchSize, int imageSize) implements BatchSource {

    public CropBatches {
        images = List.copyOf(images);
        if (images.isEmpty()) throw new IllegalArgumentException("no training images");
    }

    @Override
    public float[] batch(long step) {
        return crops(step, 0, batchSize);
    }

    /** Only this rank's crops are copied: the earlier ranks' crops are drawn from the random stream, not built. */
    @Override
    public float[] shard(long step, int rank, int world) {
        int per = ShardedBatches.perRank(batchSize, world);
        return crops(step, rank * per, per);
    }

    /** Crops [from, from + count) of step {@code step}'s batch. */
    private float[] crops(long step, int from, int count) {
        Random r = new Random(BatchSource.mix(seed, step));
        List<GrayImage> crops = new ArrayList<>(count);
        for (int i = 0; i < from + count; i++) {
            GrayImage img = images.get(r.nextInt(images.size()));
            int[] o = Crops.randomOrigin(img, imageSize, r);
            if (i >= from) crops.add(Crops.window(img, o[0], o[1], imageSize, imageSize));
        }
        return GrayImage.stack(crops);
    }
}
