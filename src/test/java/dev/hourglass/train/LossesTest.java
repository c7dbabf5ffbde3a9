package dev.hourglass.train;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import dev.hourglass.data.Phantoms;
import dev.hourglass.metrics.Ssim;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SSIM in the training loss and the SSIM metric are one definition: they agree on any pair of images. */
class LossesTest {

    @Test
    void ssimLossTermEqualsTheMetric() {
        Torch.load();
        Random r = new Random(7);
        int w = 48;
        int h = 40;
        float[] a = Phantoms.generate(1, 64, 3).get(0).pixels();
        float[] x = new float[w * h];
        float[] y = new float[w * h];
        for (int i = 0; i < w * h; i++) {
            x[i] = a[(i / w) * 64 + i % w];
            y[i] = Math.min(1, Math.max(0, x[i] + (float) (0.1 * r.nextGaussian())));
        }
        try (MemoryScope s = new MemoryScope()) {
            double loss = Losses.ssim(Tensors.fromFloats(x, 1, 1, h, w), Tensors.fromFloats(y, 1, 1, h, w)).item_double();
            assertEquals(Ssim.of(x, y, w, h, 1), loss, 1e-5);
            double self = Losses.ssim(Tensors.fromFloats(x, 1, 1, h, w), Tensors.fromFloats(x, 1, 1, h, w)).item_double();
            assertEquals(1.0, self, 1e-5);
        }
    }
}
