package dev.hourglass.model;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.rand_like;

/**
 * The conditional prior of the hyperprior models: each element of the latent is a Gaussian
 * N(μ, σ²) convolved with a unit uniform, so the probability of a quantised value is the mass of
 * its bin, {@code Φ((ŷ − μ + ½)/σ) − Φ((ŷ − μ − ½)/σ)}. σ comes from h_s, bounded below by
 * {@link #SCALE_BOUND} (the codec's scale table starts there); μ is 0 for the scale hyperprior.
 * It has no parameters of its own.
 */
public final class GaussianConditional {

    /** The smallest scale: narrower Gaussians would put almost all mass in one bin, which tables cannot hold. */
    public static final double SCALE_BOUND = 0.11;
    private static final double LIKELIHOOD_BOUND = 1e-9;

    private GaussianConditional() {
    }

    /** ŷ: y plus uniform noise in training, y − μ rounded and μ added back in eval (μ null: 0). */
    static Tensor quantize(Tensor y, Tensor means, boolean training) {
        if (training) return y.add(rand_like(y).sub(new Scalar(0.5)));
        if (means == null) return y.round();
        return y.sub(means).round().add(means);
    }

    /**
     * Scales bounded below, the codec never using smaller ones. The value is clamped, but the gradient
     * passes through as if it were not (straight-through): with a plain clamp, a scale that fell below
     * the bound got no gradient and could never come back up, however badly its element was coded
     * (CompressAI's LowerBound lets through the gradients that would raise it; this lets through all).
     */
    static Tensor boundScales(Tensor scales) {
        return scales.add(scales.clamp_min(new Scalar(SCALE_BOUND)).sub(scales).detach());
    }

    /** p(ŷ | σ, μ) per element, bounded below by 1e-9 so log2 stays finite. */
    static Tensor likelihood(Tensor yHat, Tensor scales, Tensor means) {
        Tensor v = (means == null ? yHat : yHat.sub(means)).abs();  // symmetric: evaluate in the lower tail, where Φ is small and exact
        Tensor upper = standardNormalCdf(v.neg().add(new Scalar(0.5)).div(scales));
        Tensor lower = standardNormalCdf(v.neg().sub(new Scalar(0.5)).div(scales));
        return upper.sub(lower).clamp_min(new Scalar(LIKELIHOOD_BOUND));
    }

    /** Φ(x) = ½·erfc(−x/√2). */
    private static Tensor standardNormalCdf(Tensor x) {
        return x.mul(new Scalar(-Math.sqrt(0.5))).erfc().mul(new Scalar(0.5));
    }
}
