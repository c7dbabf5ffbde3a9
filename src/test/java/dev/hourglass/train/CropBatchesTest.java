package dev.hourglass.train;

import dev.hourglass.data.GrayImage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class CropBatchesTest {

    private static GrayImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) px[i] = r.nextFloat();
        return new GrayImage(w, h, px);
    }

    /**
     * A rank's shard, which copies only its own crops, is exactly its slice of the global batch, on images wider, taller,
     * both or neither than the crop (which draw two, one or no crop positions).
     */
    @Test
    void eachRanksShardIsItsSliceOfTheGlobalBatch() {
        List<GrayImage> images = List.of(noise(40, 40, 1), noise(40, 12, 2), noise(12, 40, 3), noise(10, 10, 4), noise(16, 16, 5));
        CropBatches global = new CropBatches(images, 9, 8, 16);
        int pixels = 16 * 16;
        for (long step = 1; step <= 20; step++) {
            float[] all = global.batch(step);
            for (int world : new int[]{2, 4, 8}) {
                int per = 8 / world;
                for (int rank = 0; rank < world; rank++) {
                    assertArrayEquals(Arrays.copyOfRange(all, rank * per * pixels, (rank + 1) * per * pixels), global.shard(step, rank, world),
                            "step " + step + ", rank " + rank + " of " + world);
                }
            }
        }
    }
}
