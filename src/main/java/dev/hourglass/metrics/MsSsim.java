package dev.hourglass.metrics;

/**
 * Multi-scale SSIM (Wang, Simoncelli and Bovik, 2003): five scales with the standard weights
 * 0.0448, 0.2856, 0.3001, 0.2363, 0.1333; contrast-structure at every scale, luminance at the
 * coarsest; 2×2 average pooling between scales. Negative contrast-structure values are clamped
 * to 0 before exponentiation (as pytorch-msssim does). Needs at least 176×176 pixels so that the
 * coarsest scale still holds an 11×11 window.
 */
public final class MsSsim {

    public static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    public static final int MIN_SIZE = (Ssim.WINDOW - 1) * 16 + 16;

    private MsSsim() {
    }

    public static double of(float[] a, float[] b, int width, int height, double range) {
        if (width < MIN_SIZE || height < MIN_SIZE) {
            throw new IllegalArgumentException("MS-SSIM needs images of at least " + MIN_SIZE + "×" + MIN_SIZE
                    + " (five scales of an 11×11 window) but got " + width + "×" + height);
        }
        double result = 1;
        float[] x = a;
        float[] y = b;
        int w = width;
        int h = height;
        for (int s = 0; s < WEIGHTS.length; s++) {
            double[] v = Ssim.compute(x, y, w, h, range);
            if (s < WEIGHTS.length - 1) {
                result *= Math.pow(Math.max(v[1], 0), WEIGHTS[s]);
                x = halve(x, w, h);
                y = halve(y, w, h);
                w /= 2;
                h /= 2;
            } else {
                result *= Math.pow(Math.max(v[0], 0), WEIGHTS[s]); // SSIM = luminance × contrast-structure
            }
        }
        return result;
    }

    /** 2×2 average pooling (odd trailing rows and columns dropped). */
    static float[] halve(float[] v, int w, int h) {
        int hw = w / 2;
        int hh = h / 2;
        float[] out = new float[hw * hh];
        for (int y = 0; y < hh; y++) {
            for (int x = 0; x < hw; x++) {
                int i = 2 * y * w + 2 * x;
                out[y * hw + x] = (v[i] + v[i + 1] + v[i + w] + v[i + w + 1]) / 4f;
            }
        }
        return out;
    }
}
