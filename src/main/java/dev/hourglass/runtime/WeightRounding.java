package dev.hourglass.runtime;

import dev.hourglass.model.Autoencoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Rounds a model's floating-point weights to fewer mantissa bits, keeping float32's exponent
 * range, before a model is frozen for shipping. The file keeps its size, but the cleared low bits
 * let zlib, and so git, store it in about 60 % of the space (float32 weights barely compress);
 * 10 bits, half precision's mantissa, change a weight by at most 2⁻¹¹ of itself. Integer tensors
 * are left alone; `freeze` rounds before it computes the frozen tables, which then describe the
 * rounded weights.
 */
public final class WeightRounding {

    /** float32's explicit mantissa bits: rounding to these changes nothing. */
    public static final int FULL = 23;

    private WeightRounding() {
    }

    /** {@code v} rounded to {@code bits} explicit mantissa bits, to nearest, ties to even; NaN and ±∞ unchanged. */
    public static float round(float v, int bits) {
        if (bits < 1 || bits > FULL) throw new IllegalArgumentException("mantissa bits must be in 1.." + FULL + " but were " + bits);
        if (bits == FULL || !Float.isFinite(v)) return v;
        int drop = FULL - bits;
        int raw = Float.floatToRawIntBits(v);
        int keptLowest = (raw >>> drop) & 1;
        int rounded = (raw + (1 << (drop - 1)) - 1 + keptLowest) & -(1 << drop); // a carry into the exponent is the right result
        return Float.intBitsToFloat(rounded);
    }

    /** Rounds every floating-point parameter and buffer of {@code model} in place; returns how many values changed. */
    public static long apply(Autoencoder model, int bits) {
        List<WeightTensor> in = ModelWeights.read(model);
        List<WeightTensor> out = new ArrayList<>(in.size());
        long changed = 0;
        for (WeightTensor w : in) {
            if (w.integer()) {
                out.add(w);
                continue;
            }
            float[] v = w.floats().clone();
            for (int i = 0; i < v.length; i++) {
                float r = round(v[i], bits);
                if (Float.floatToRawIntBits(r) != Float.floatToRawIntBits(v[i])) changed++;
                v[i] = r;
            }
            out.add(new WeightTensor(w.name(), w.shape(), v, null));
        }
        ModelWeights.write(model, out);
        return changed;
    }
}
