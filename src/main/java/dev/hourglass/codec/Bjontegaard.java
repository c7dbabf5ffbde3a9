package dev.hourglass.codec;

/**
 * Bjøntegaard delta metrics (VCEG-M33, 2001) between two rate–distortion curves: each curve is
 * fitted by a cubic polynomial (log10 rate as a function of PSNR for BD-rate, PSNR as a function
 * of log10 rate for BD-PSNR), the fits are integrated over the interval both curves cover, and the
 * mean difference is reported: BD-rate in percent of the reference rate at equal PSNR (negative =
 * fewer bits), BD-PSNR in dB at equal rate (positive = better).
 */
public final class Bjontegaard {

    private Bjontegaard() {
    }

    /** @return NaN when either curve has fewer than 4 points or the curves do not overlap */
    public static double rate(double[] refRate, double[] refPsnr, double[] testRate, double[] testPsnr) {
        if (refRate.length < 4 || testRate.length < 4) return Double.NaN;
        double lo = Math.max(min(refPsnr), min(testPsnr));
        double hi = Math.min(max(refPsnr), max(testPsnr));
        if (!(hi > lo)) return Double.NaN;
        double[] a = fit(refPsnr, log10(refRate));
        double[] b = fit(testPsnr, log10(testRate));
        double avg = (integral(b, lo, hi) - integral(a, lo, hi)) / (hi - lo);
        return (Math.pow(10, avg) - 1) * 100;
    }

    public static double psnr(double[] refRate, double[] refPsnr, double[] testRate, double[] testPsnr) {
        if (refRate.length < 4 || testRate.length < 4) return Double.NaN;
        double[] lr = log10(refRate);
        double[] lt = log10(testRate);
        double lo = Math.max(min(lr), min(lt));
        double hi = Math.min(max(lr), max(lt));
        if (!(hi > lo)) return Double.NaN;
        double[] a = fit(lr, refPsnr);
        double[] b = fit(lt, testPsnr);
        return (integral(b, lo, hi) - integral(a, lo, hi)) / (hi - lo);
    }

    /** Least-squares cubic c0 + c1 x + c2 x² + c3 x³ through the points, by the normal equations. */
    static double[] fit(double[] x, double[] y) {
        double[][] m = new double[4][5];
        for (int i = 0; i < x.length; i++) {
            double[] p = {1, x[i], x[i] * x[i], x[i] * x[i] * x[i]};
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) m[r][c] += p[r] * p[c];
                m[r][4] += p[r] * y[i];
            }
        }
        for (int col = 0; col < 4; col++) { // Gaussian elimination with partial pivoting
            int pivot = col;
            for (int r = col + 1; r < 4; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < 4; r++) {
                if (r == col || m[col][col] == 0) continue;
                double f = m[r][col] / m[col][col];
                for (int c = col; c < 5; c++) m[r][c] -= f * m[col][c];
            }
        }
        double[] coef = new double[4];
        for (int i = 0; i < 4; i++) coef[i] = m[i][4] / m[i][i];
        return coef;
    }

    static double integral(double[] c, double lo, double hi) {
        return prim(c, hi) - prim(c, lo);
    }

    private static double prim(double[] c, double x) {
        return c[0] * x + c[1] * x * x / 2 + c[2] * x * x * x / 3 + c[3] * x * x * x * x / 4;
    }

    private static double[] log10(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = Math.log10(v[i]);
        return o;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }
}
