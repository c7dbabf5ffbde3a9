package dev.hourglass.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricsTest {

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat();
        return v;
    }

    private static float[] constant(int n, float c) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, c);
        return v;
    }

    @Test
    void psnrKnownValues() {
        // MSE 0.01 with peak 1 is 20 dB; MSE 0.0001 is 40 dB
        assertEquals(20.0, Psnr.of(constant(100, 0.5f), constant(100, 0.6f), 1), 1e-5);
        assertEquals(40.0, Psnr.fromMse(1e-4, 1), 1e-12);
        assertEquals(48.1308036, Psnr.fromMse(1, 255), 1e-6); // 20·log10(255)
        assertEquals(Double.POSITIVE_INFINITY, Psnr.of(constant(4, 0.3f), constant(4, 0.3f), 1));
        assertThrows(IllegalArgumentException.class, () -> Psnr.of(new float[3], new float[4], 1));
    }

    @Test
    void ssimOfConstantImagesIsTheLuminanceTerm() {
        // with no variance the contrast-structure term is C2/C2 = 1 and SSIM = (2ab + C1)/(a² + b² + C1)
        double a = 0.2, b = 0.6, c1 = 1e-4;
        double expected = (2 * a * b + c1) / (a * a + b * b + c1);
        assertEquals(expected, Ssim.of(constant(32 * 32, 0.2f), constant(32 * 32, 0.6f), 32, 32, 1), 1e-6);
        assertEquals(1.0, Ssim.of(random(40 * 30, 1), random(40 * 30, 1), 40, 30, 1), 1e-12);
        // MS-SSIM of constant images: cs = 1 at every scale, luminance at the coarsest with weight 0.1333
        assertEquals(Math.pow(expected, 0.1333), MsSsim.of(constant(176 * 176, 0.2f), constant(176 * 176, 0.6f), 176, 176, 1), 1e-6);
        assertEquals(1.0, MsSsim.of(random(200 * 180, 2), random(200 * 180, 2), 200, 180, 1), 1e-9);
    }

    @Test
    void ssimAgreesWithADirectImplementation() {
        int w = 24, h = 19;
        float[] x = random(w * h, 3);
        float[] y = random(w * h, 4);
        for (int i = 0; i < y.length; i++) y[i] = 0.6f * x[i] + 0.4f * y[i];
        assertEquals(directSsim(x, y, w, h), Ssim.of(x, y, w, h, 1), 1e-9);
    }

    /** SSIM straight from the definition: a full 11×11 window at every valid position, no separable filter. */
    private static double directSsim(float[] x, float[] y, int w, int h) {
        double[][] g = new double[11][11];
        double sum = 0;
        for (int i = 0; i < 11; i++) for (int j = 0; j < 11; j++) {
            g[i][j] = Math.exp(-((i - 5) * (i - 5) + (j - 5) * (j - 5)) / (2 * 1.5 * 1.5));
            sum += g[i][j];
        }
        double c1 = 1e-4, c2 = 9e-4, total = 0;
        int count = 0;
        for (int oy = 0; oy + 11 <= h; oy++) {
            for (int ox = 0; ox + 11 <= w; ox++) {
                double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
                for (int i = 0; i < 11; i++) for (int j = 0; j < 11; j++) {
                    double wt = g[i][j] / sum;
                    double a = x[(oy + i) * w + ox + j], b = y[(oy + i) * w + ox + j];
                    mx += wt * a; my += wt * b; sxx += wt * a * a; syy += wt * b * b; sxy += wt * a * b;
                }
                double vx = sxx - mx * mx, vy = syy - my * my, cov = sxy - mx * my;
                total += (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                count++;
            }
        }
        return total / count;
    }

    @Test
    void tooSmallImagesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Ssim.of(new float[100], new float[100], 10, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> MsSsim.of(new float[175 * 175], new float[175 * 175], 175, 175, 1));
    }
}
