package dev.hourglass.metrics;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli, 2004) as in the authors' reference
 * code: an 11×11 Gaussian window with σ = 1.5 applied without padding ("valid" positions only),
 * C1 = (0.01·L)², C2 = (0.03·L)² for data range L, and the mean of the SSIM map. Images must be at
 * least 11×11. {@link #contrastStructure} is the mean of the map without the luminance term, which
 * MS-SSIM needs.
 */
public final class Ssim {

    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;

    private static final double[] KERNEL = gaussian(WINDOW, SIGMA);

    private Ssim() {
    }

    /** SSIM of two images of width × height values in row-major order, with data range {@code range}. */
    public static double of(float[] a, float[] b, int width, int height, double range) {
        return compute(a, b, width, height, range)[0];
    }

    /** Mean of the contrast-structure map, (2σ_xy + C2) / (σ_x² + σ_y² + C2). */
    public static double contrastStructure(float[] a, float[] b, int width, int height, double range) {
        return compute(a, b, width, height, range)[1];
    }

    /** {mean SSIM, mean contrast-structure}. */
    static double[] compute(float[] a, float[] b, int width, int height, double range) {
        if (a.length != b.length || a.length != width * height) {
            throw new IllegalArgumentException("SSIM needs two images of " + width + "×" + height + " values");
        }
        if (width < WINDOW || height < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "×" + WINDOW + " but got " + width + "×" + height);
        }
        double c1 = (K1 * range) * (K1 * range);
        double c2 = (K2 * range) * (K2 * range);
        double[] x = new double[a.length];
        double[] y = new double[a.length];
        double[] xx = new double[a.length];
        double[] yy = new double[a.length];
        double[] xy = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            x[i] = a[i];
            y[i] = b[i];
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        int ow = width - WINDOW + 1;
        int oh = height - WINDOW + 1;
        double[] mx = filter(x, width, height);
        double[] my = filter(y, width, height);
        double[] sxx = filter(xx, width, height);
        double[] syy = filter(yy, width, height);
        double[] sxy = filter(xy, width, height);
        double ssim = 0;
        double cs = 0;
        for (int i = 0; i < ow * oh; i++) {
            double vx = sxx[i] - mx[i] * mx[i];
            double vy = syy[i] - my[i] * my[i];
            double cov = sxy[i] - mx[i] * my[i];
            double csi = (2 * cov + c2) / (vx + vy + c2);
            ssim += (2 * mx[i] * my[i] + c1) / (mx[i] * mx[i] + my[i] * my[i] + c1) * csi;
            cs += csi;
        }
        return new double[]{ssim / (ow * oh), cs / (ow * oh)};
    }

    /** Separable Gaussian filter at the valid positions: (height−10) × (width−10) values. */
    private static double[] filter(double[] v, int width, int height) {
        int ow = width - WINDOW + 1;
        int oh = height - WINDOW + 1;
        double[] rows = new double[ow * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) s += KERNEL[k] * v[y * width + x + k];
                rows[y * ow + x] = s;
            }
        }
        double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) s += KERNEL[k] * rows[(y + k) * ow + x];
                out[y * ow + x] = s;
            }
        }
        return out;
    }

    /**
     * The normalised 1-D Gaussian window ({@value #WINDOW} taps, σ = {@value #SIGMA}); the 2-D window
     * is its outer product. The training loss (train.Losses) builds its window from this one.
     */
    public static double[] kernel() {
        return KERNEL.clone();
    }

    static double[] gaussian(int size, double sigma) {
        double[] g = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double d = i - (size - 1) / 2.0;
            g[i] = Math.exp(-d * d / (2 * sigma * sigma));
            sum += g[i];
        }
        for (int i = 0; i < size; i++) g[i] /= sum;
        return g;
    }
}
