package dev.hourglass.train;

import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Phantoms;

import java.util.ArrayList;
import java.util.List;

/** An endless stream of procedural phantoms: image i of step s is phantom (seed, s·batch + i). */
public record PhantomBatches(long seed, int batchSize, int imageSize) implements BatchSource {

    @Override
    public float[] batch(long step) {
        List<GrayImage> images = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            images.add(Phantoms.generate(1, imageSize, BatchSource.mix(seed, step * batchSize + i)).get(0));
        }
        return GrayImage.stack(images);
    }
}
