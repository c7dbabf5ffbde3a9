package dev.hourglass.codec;

import dev.hourglass.codec.entropy.Quantizer;
import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.metrics.Psnr;
import dev.hourglass.runtime.EncoderDecoder;
import dev.hourglass.runtime.LatentCode;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --quality} means for a step-quantised model, measured on the image being compressed:
 * quality 100 is the coarsest step whose reconstruction is within {@value #TOLERANCE_DB} dB of the
 * model's own, unquantised one (finer steps only cost bits: the model cannot deliver more), quality 1
 * is 4 × the RMS of the latent (nearly every value quantises to 0 or ±1: the lowest useful rate), and
 * Δ is log-linear in between: Δ(Q) = Δ₁ · (Δ₁₀₀/Δ₁)^((Q − 1)/99). The measurement runs on the central
 * crop of at most {@value #CROP}×{@value #CROP} pixels, trying Δ₁·2^(−k/2) for k = 0, 1, … (at most
 * {@value #TRIES}) from coarse to fine. The decoder never needs it: the step is in the file.
 *
 * @param latentRms     RMS of the crop's latent (and skips, when stored)
 * @param finest        Δ at quality 100
 * @param coarsest      Δ at quality 1
 * @param referencePsnr PSNR of the crop's unquantised reconstruction
 */
public record StepCalibration(double latentRms, double finest, double coarsest, double referencePsnr) {

    public static final double TOLERANCE_DB = 0.1;
    public static final int CROP = 256;
    static final int TRIES = 25;

    /** Δ for a quality of 1..100. */
    public double stepFor(int quality) {
        if (quality < 1 || quality > 100) throw new IllegalArgumentException("quality must be in 1..100 but was " + quality);
        return coarsest * Math.pow(finest / coarsest, (quality - 1) / 99.0);
    }

    /** Measures the scale on {@code image} (with the skips quantised too when {@code includeSkips}). */
    public static StepCalibration of(EncoderDecoder probe, GrayImage image, boolean includeSkips) {
        int f = probe.spec().downsampling();
        int cw = Math.min(CROP, image.width());
        int ch = Math.min(CROP, image.height());
        GrayImage crop = Crops.padToMultiple(Crops.window(image, (image.width() - cw) / 2, (image.height() - ch) / 2, cw, ch), f);
        LatentCode code = probe.encode(crop.pixels(), crop.height(), crop.width());
        List<float[]> skips = includeSkips ? code.skips() : List.of();
        double sum = 0;
        long n = 0;
        for (float[] t : values(code.latent(), skips)) {
            for (float v : t) sum += (double) v * v;
            n += t.length;
        }
        double rms = Math.sqrt(sum / Math.max(1, n));
        if (!(rms > 0) || !Double.isFinite(rms)) rms = 1e-3; // an all-zero latent: any step codes it exactly
        double reference = psnr(crop, probe.decode(code));
        double coarsest = 4 * rms;
        double finest = coarsest;
        for (int k = 0; k < TRIES; k++) {
            finest = coarsest * Math.pow(2, -k / 2.0);
            if (psnr(crop, probe.decode(quantised(code, skips, finest))) >= reference - TOLERANCE_DB) break;
        }
        return new StepCalibration(rms, finest, coarsest, reference);
    }

    private static List<float[]> values(float[] latent, List<float[]> skips) {
        List<float[]> all = new ArrayList<>(List.of(latent));
        all.addAll(skips);
        return all;
    }

    private static LatentCode quantised(LatentCode code, List<float[]> skips, double step) {
        List<float[]> q = new ArrayList<>();
        for (float[] t : values(code.latent(), skips)) {
            float[] v = new float[t.length];
            for (int i = 0; i < t.length; i++) v[i] = Quantizer.dequantize(Quantizer.quantize(t[i], step), step);
            q.add(v);
        }
        List<float[]> s = skips.isEmpty() ? code.skips() : q.subList(1, q.size());
        return new LatentCode(q.get(0), code.latentShape(), s, code.skipShapes());
    }

    /** PSNR of a decoded crop, clamped to [0, 1] as the codec's output is. */
    private static double psnr(GrayImage crop, float[] decoded) {
        float[] y = decoded.clone();
        for (int i = 0; i < y.length; i++) y[i] = Math.max(0f, Math.min(1f, y[i]));
        return Psnr.of(crop.pixels(), y, 1);
    }
}
