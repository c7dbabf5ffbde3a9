package dev.hourglass.train;

import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random square crops of training images (reflect-padded when smaller), drawn from (seed, step). */
public record CropBatches(List<GrayImage> images, long seed, int batchSize, int imageSize) implements BatchSource {

    public CropBatches {
        images = List.copyOf(images);
        if (images.isEmpty()) throw new IllegalArgumentException("no training images");
    }

    @Override
    public float[] batch(long step) {
        Random r = new Random(BatchSource.mix(seed, step));
        List<GrayImage> crops = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            crops.add(Crops.randomCrop(images.get(r.nextInt(images.size())), imageSize, r));
        }
        return GrayImage.stack(crops);
    }
}
