package dev.hourglass.codec.entropy;

/**
 * Uniform scalar quantisation with step Δ: q = round(v / Δ) (ties to even), v̂ = q·Δ. Java's
 * floating point is the same on every JVM, so encoder and decoder agree on every symbol.
 */
public final class Quantizer {

    private Quantizer() {
    }

    public static int quantize(float v, double step) {
        double q = Math.rint(v / step);
        if (q > Integer.MAX_VALUE / 2 || q < Integer.MIN_VALUE / 2 || Double.isNaN(q)) {
            throw new IllegalArgumentException("value " + v + " cannot be quantised with step " + step);
        }
        return (int) q;
    }

    public static float dequantize(int q, double step) {
        return (float) (q * step);
    }

    /**
     * The step of quality Q in 1..100: Δ = 0.05 · 2^((50 − Q)/10), so every 10 points halve or double it.
     *
     * @deprecated the former fixed mapping (0.0016…1.49, where trained models had already saturated);
     * {@code compress} now calibrates quality on the image (codec.StepCalibration)
     */
    @Deprecated
    public static double stepForQuality(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be in 1..100 but was " + quality);
        }
        return 0.05 * Math.pow(2, (50 - quality) / 10.0);
    }
}
