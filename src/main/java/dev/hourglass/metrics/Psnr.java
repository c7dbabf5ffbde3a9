package dev.hourglass.metrics;

/**
 * Peak signal-to-noise ratio, 10·log10(peak² / MSE) in dB, over all values of two equally long
 * arrays. Identical inputs give +∞.
 */
public final class Psnr {

    private Psnr() {
    }

    public static double of(float[] reference, float[] test, double peak) {
        return fromMse(mse(reference, test), peak);
    }

    public static double fromMse(double mse, double peak) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(peak * peak / mse);
    }

    public static double mse(float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("PSNR needs two non-empty arrays of one length but got " + a.length + " and " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return sum / a.length;
    }
}
