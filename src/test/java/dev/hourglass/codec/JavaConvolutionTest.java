package dev.hourglass.codec;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JavaConvolutionTest {

    private static final float[] ONE_TO_NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final float[] KERNEL_2X2 = {1, 2, 3, 4};

    @Test
    void convolutionOfA3x3ImageWithA2x2Kernel() {
        // stride 1: 1·1 + 2·2 + 4·3 + 5·4 = 37, then 47, 67, 77; plus the bias
        assertArrayEquals(new float[]{37.5f, 47.5f, 67.5f, 77.5f},
                JavaConvolution.conv2d(ONE_TO_NINE, 1, 3, 3, KERNEL_2X2, new float[]{0.5f}, 1, 2, 1, 0));
        // stride 2, padding 1: the corners see one, two or four input pixels (4·1; 3·2 + 4·3; 2·4 + 4·7; 5 + 12 + 24 + 36)
        assertArrayEquals(new float[]{4, 18, 36, 77}, JavaConvolution.conv2d(ONE_TO_NINE, 1, 3, 3, KERNEL_2X2, null, 1, 2, 2, 1));
    }

    @Test
    void transposedStride2WithOutputPaddingPlacesAKernelPerInputPixel() {
        // each input pixel v at (i, j) adds v·kernel at (2i, 2j); output padding adds an empty last row and column
        float[] expected = {
                1, 2, 2, 4, 0,
                3, 4, 6, 8, 0,
                3, 6, 4, 8, 0,
                9, 12, 12, 16, 0,
                0, 0, 0, 0, 0};
        assertArrayEquals(expected, JavaConvolution.convTranspose2d(KERNEL_2X2, 1, 2, 2, KERNEL_2X2, null, 1, 2, 2, 0, 1));
        // padding 1 crops one row and column on each side: 3×3 out of the 5×5 above
        assertArrayEquals(new float[]{4, 6, 8, 6, 4, 8, 12, 12, 16},
                JavaConvolution.convTranspose2d(KERNEL_2X2, 1, 2, 2, KERNEL_2X2, null, 1, 2, 2, 1, 1));
    }

    @Test
    void weightLayoutsAreOutInForConvolutionAndInOutForTransposed() {
        float[] in = {1, 10};                          // two channels of 1×1
        float[] w = {1, 2, 3, 4};
        assertArrayEquals(new float[]{21, 43}, JavaConvolution.conv2d(in, 2, 1, 1, w, null, 2, 1, 1, 0));          // w[o][c]
        assertArrayEquals(new float[]{31, 42}, JavaConvolution.convTranspose2d(in, 2, 1, 1, w, null, 2, 1, 1, 0, 0)); // w[c][o]
    }

    /** Against the definition, summed by scattering each input pixel: another order, so within rounding. */
    @Test
    void transposedConvolutionMatchesItsDefinitionForEveryStridePaddingAndKernel() {
        Random r = new Random(5);
        for (int k = 1; k <= 5; k++) {
            for (int s = 1; s <= 3; s++) {
                for (int p = 0; p < k; p++) {
                    for (int op = 0; op < s; op++) {
                        int c = 2, out = 3, h = 4, w = 5;
                        int ho = (h - 1) * s - 2 * p + k + op;
                        int wo = (w - 1) * s - 2 * p + k + op;
                        if (ho < 1 || wo < 1) continue;
                        float[] in = random(r, c * h * w);
                        float[] wt = random(r, c * out * k * k);
                        float[] bias = random(r, out);
                        double[] ref = new double[out * ho * wo];
                        for (int o = 0; o < out; o++) for (int i = 0; i < ho * wo; i++) ref[o * ho * wo + i] = bias[o];
                        for (int ci = 0; ci < c; ci++) for (int iy = 0; iy < h; iy++) for (int ix = 0; ix < w; ix++)
                            for (int o = 0; o < out; o++) for (int ky = 0; ky < k; ky++) for (int kx = 0; kx < k; kx++) {
                                int y = iy * s - p + ky, x = ix * s - p + kx;
                                if (y >= 0 && y < ho && x >= 0 && x < wo) {
                                    ref[(o * ho + y) * wo + x] += (double) in[(ci * h + iy) * w + ix] * wt[((ci * out + o) * k + ky) * k + kx];
                                }
                            }
                        float[] got = JavaConvolution.convTranspose2d(in, c, h, w, wt, bias, out, k, s, p, op);
                        for (int i = 0; i < ref.length; i++) assertEquals(ref[i], got[i], 1e-5, "k" + k + " s" + s + " p" + p + " op" + op + " at " + i);
                    }
                }
            }
        }
    }

    /** Against the definition, in another summation order, for every stride, padding and kernel. */
    @Test
    void convolutionMatchesItsDefinitionForEveryStridePaddingAndKernel() {
        Random r = new Random(6);
        int c = 2, out = 5, h = 6, w = 7;
        float[] in = random(r, c * h * w);
        for (int k = 1; k <= 5; k++) {
            for (int s = 1; s <= 3; s++) {
                for (int p = 0; p <= k; p++) {
                    int ho = (h + 2 * p - k) / s + 1;
                    int wo = (w + 2 * p - k) / s + 1;
                    float[] wt = random(r, out * c * k * k);
                    float[] bias = random(r, out);
                    float[] got = JavaConvolution.conv2d(in, c, h, w, wt, bias, out, k, s, p);
                    assertEquals(out * ho * wo, got.length);
                    for (int o = 0; o < out; o++) for (int y = 0; y < ho; y++) for (int x = 0; x < wo; x++) {
                        double ref = bias[o];
                        for (int ky = 0; ky < k; ky++) for (int kx = 0; kx < k; kx++) for (int ci = 0; ci < c; ci++) {
                            int iy = y * s - p + ky, ix = x * s - p + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) ref += (double) in[(ci * h + iy) * w + ix] * wt[((o * c + ci) * k + ky) * k + kx];
                        }
                        assertEquals(ref, got[(o * ho + y) * wo + x], 1e-5, "k" + k + " s" + s + " p" + p + " at " + o + "," + y + "," + x);
                    }
                }
            }
        }
    }

    @Test
    void oneThreadOrTwoGiveTheSameBits() throws Exception {
        Random r = new Random(9);
        int c = 16, out = 14, h = 19, w = 23;                 // 14: blocks of four output channels and a remainder
        float[] in = random(r, c * h * w);
        float[] wt5 = random(r, out * c * 25);
        float[] wt3 = random(r, out * c * 9);
        float[] bias = random(r, out);
        ForkJoinPool one = new ForkJoinPool(1);
        ForkJoinPool two = new ForkJoinPool(2);
        try {
            for (java.util.concurrent.Callable<float[]> job : java.util.List.<java.util.concurrent.Callable<float[]>>of(
                    () -> JavaConvolution.convTranspose2d(in, c, h, w, wt5, bias, out, 5, 2, 2, 1),
                    () -> JavaConvolution.conv2d(in, c, h, w, wt3, bias, out, 3, 1, 1),
                    () -> JavaConvolution.conv2d(in, c, h, w, wt5, null, out, 5, 2, 2))) {
                int[] a = bits(one.submit(job).get());
                assertArrayEquals(a, bits(two.submit(job).get()));
                assertArrayEquals(a, bits(job.call()));
            }
        } finally {
            one.shutdown();
            two.shutdown();
        }
    }

    @Test
    void reluAndWrongShapes() {
        float[] a = {-1, 0, 2, Float.NaN, Float.NEGATIVE_INFINITY};
        assertArrayEquals(new float[]{0, 0, 2, Float.NaN, 0}, JavaConvolution.relu(a));
        assertThrows(IllegalStateException.class, () -> JavaConvolution.conv2d(new float[8], 1, 3, 3, KERNEL_2X2, null, 1, 2, 1, 0));
        assertThrows(IllegalStateException.class, () -> JavaConvolution.conv2d(ONE_TO_NINE, 1, 3, 3, KERNEL_2X2, new float[2], 1, 2, 1, 0));
        assertThrows(IllegalStateException.class, () -> JavaConvolution.conv2d(ONE_TO_NINE, 1, 3, 3, new float[25], null, 1, 5, 1, 0));
        assertThrows(IllegalStateException.class, () -> JavaConvolution.convTranspose2d(ONE_TO_NINE, 1, 3, 3, KERNEL_2X2, null, 1, 2, 2, 0, 2));
    }

    static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.nextFloat() * 2 - 1;
        return a;
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) b[i] = Float.floatToRawIntBits(a[i]);
        return b;
    }
}
