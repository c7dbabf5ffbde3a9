package dev.hourglass.train;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import dev.hourglass.data.Phantoms;
import dev.hourglass.metrics.MsSsim;
import dev.hourglass.metrics.Ssim;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SSIM and MS-SSIM in the training losses and the metrics are one definition: they agree on
 * pairs of images, the loss in float tensors, the metric in double.
 */
class LossesTest {

    /**
     * |tensor MS-SSIM − metric|, measured up to 2.8e-6 on the pairs below (float against double:
     * E[x²] − E[x]² loses about 1e-7 of E[x²] to cancellation, and the fifth-scale windows average few
     * values); 1e-5 leaves room for other CPUs' summation orders.
     */
    private static final double MS_SSIM_TOLERANCE = 1e-5;

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

    @Test
    void msSsimEqualsTheMetricOnNoisyAndBlurredPhantoms() {
        Torch.load();
        // square at the minimum size, even until the coarsest scale; 200×184 halves to 25×23 at the fourth scale;
        // 181×177 is odd at once
        int[][] sizes = {{176, 176}, {200, 184}, {181, 177}};
        double worst = 0;
        for (int[] size : sizes) {
            int w = size[0];
            int h = size[1];
            float[] x = crop(Phantoms.generate(1, 256, w + h).get(0).pixels(), 256, w, h);
            float[][] distorted = {noisy(x, 0.05, w * 31L + h), blurred(x, w, h, 2), noisy(blurred(x, w, h, 1), 0.15, h)};
            for (float[] y : distorted) {
                double metric = MsSsim.of(x, y, w, h, 1);
                assertTrue(metric > 0.3 && metric < 0.999, "a distortion the metric sees, not a trivial pair: " + metric);
                try (MemoryScope s = new MemoryScope()) {
                    double loss = Losses.msSsim(Tensors.fromFloats(y, 1, 1, h, w), Tensors.fromFloats(x, 1, 1, h, w)).item_double();
                    assertEquals(metric, loss, MS_SSIM_TOLERANCE, w + "×" + h);
                    worst = Math.max(worst, Math.abs(metric - loss));
                }
            }
        }
        System.out.printf("MS-SSIM, tensor against metric: largest difference %.2e%n", worst);
    }

    @Test
    void msSsimOfABatchIsTheMeanOfItsImages() {
        Torch.load();
        int w = 180;
        int h = 176;
        float[] x = crop(Phantoms.generate(1, 256, 5).get(0).pixels(), 256, w, h);
        float[] y = crop(Phantoms.generate(1, 256, 6).get(0).pixels(), 256, w, h);
        float[] xn = noisy(x, 0.2, 1);
        float[] yb = blurred(y, w, h, 1);
        double expected = (MsSsim.of(xn, x, w, h, 1) + MsSsim.of(yb, y, w, h, 1)) / 2;
        try (MemoryScope s = new MemoryScope()) {
            double loss = Losses.msSsim(Tensors.fromFloats(concat(xn, yb), 2, 1, h, w), Tensors.fromFloats(concat(x, y), 2, 1, h, w)).item_double();
            assertEquals(expected, loss, MS_SSIM_TOLERANCE);
        }
    }

    @Test
    void msSsimGradientIsFiniteForIdenticalImages() {
        Torch.load();
        float[] x = Phantoms.generate(1, 176, 8).get(0).pixels();
        float[] g = gradient(x, x, 176, 176, 1.0);
        for (float v : g) assertTrue(Float.isFinite(v), "gradient at identical images: " + v);
    }

    @Test
    void msSsimGradientIsFiniteWhereContrastStructureIsNegative() {
        Torch.load();
        int n = 176;
        float[] x = noisy(Phantoms.generate(1, n, 9).get(0).pixels(), 0.2, 9); // texture everywhere, also in the phantom's flat parts
        float[] inverted = new float[x.length];
        for (int i = 0; i < x.length; i++) inverted[i] = 1 - x[i];
        float[] y = noisy(inverted, 0.02, 3);
        assertTrue(Ssim.contrastStructure(x, y, n, n, 1) < 0, "the pair anti-correlates");
        assertEquals(0.0, MsSsim.of(y, x, n, n, 1), "the metric clamps negative contrast-structure to 0");
        // every scale's mean is below 0 here (measured: −0.96 to −0.66), so the loss is ε^(sum of the weights), about ε,
        // times luminance, where the metric gives 0; its gradient is 0 (all clamped), but not NaN
        double sumOfWeights = java.util.Arrays.stream(MsSsim.WEIGHTS).sum();
        float[] g = gradient(y, x, n, n, Math.pow(Losses.MS_SSIM_EPSILON, sumOfWeights));
        for (float v : g) assertTrue(Float.isFinite(v), "gradient where contrast-structure < 0: " + v);

        // the top half inverted: the four finer scales' means stay positive (measured 0.02–0.08), the coarsest goes
        // negative; the metric gives 0, the loss ε^w × the rest (0.015), and the unclamped factors pass gradients
        float[] half = x.clone();
        for (int i = 0; i < n * n / 2; i++) half[i] = 1 - x[i];
        assertEquals(0.0, MsSsim.of(half, x, n, n, 1));
        float[] gh = gradient(half, x, n, n, Math.pow(Losses.MS_SSIM_EPSILON, MsSsim.WEIGHTS[4]));
        double sum = 0;
        for (float v : gh) {
            assertTrue(Float.isFinite(v), "gradient of a half-inverted image: " + v);
            sum += Math.abs(v);
        }
        assertTrue(sum > 0, "the unclamped scales still give a gradient");
    }

    @Test
    void msSsimRefusesImagesBelowItsMinimumSize() {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            Tensor t = Tensors.fromFloats(new float[128 * 200], 1, 1, 128, 200);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.msSsim(t, t));
            assertTrue(e.getMessage().contains("176×176") && e.getMessage().contains("200×128"), e.getMessage());
        }
    }

    /** d MS-SSIM(a, b) / d a, after checking that the value lies in [0, {@code atMost}]. */
    private static float[] gradient(float[] a, float[] b, int w, int h, double atMost) {
        try (MemoryScope s = new MemoryScope()) {
            Tensor ta = Tensors.fromFloats(a, 1, 1, h, w).set_requires_grad(true);
            Tensor v = Losses.msSsim(ta, Tensors.fromFloats(b, 1, 1, h, w));
            double value = v.item_double();
            assertTrue(value >= 0 && value <= atMost * (1 + 1e-4), "MS-SSIM " + value + " outside [0, " + atMost + "]");
            v.backward();
            return Tensors.toFloats(ta.grad());
        }
    }

    private static float[] crop(float[] square, int side, int w, int h) {
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) System.arraycopy(square, y * side, out, y * w, w);
        return out;
    }

    private static float[] noisy(float[] x, double sigma, long seed) {
        Random r = new Random(seed);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (float) Math.min(1, Math.max(0, x[i] + sigma * r.nextGaussian()));
        return out;
    }

    /** Box blur of radius {@code r}, the window clipped at the borders. */
    private static float[] blurred(float[] x, int w, int h, int r) {
        float[] out = new float[x.length];
        for (int y = 0; y < h; y++) {
            for (int c = 0; c < w; c++) {
                double sum = 0;
                int count = 0;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int yy = y + dy;
                        int xx = c + dx;
                        if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                        sum += x[yy * w + xx];
                        count++;
                    }
                }
                out[y * w + c] = (float) (sum / count);
            }
        }
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
