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

    private GaussianConditional() {
    }

    /** ŷ: y plus uniform noise in training, y − μ rounded and μ added back in eval (μ null: 0). */
    static Tensor quantize(Tensor y, Tensor means, boolean training) {
        if (training) return y.add(rand_like(y).sub(new Scalar(0.5)));
        if (means == null) return y.round();
        return y.sub(means).round().add(means);
    }

    /**
     * p(ŷ | σ, μ) per element, bounded below by {@link LowerBound#LIKELIHOOD_FLOOR}. {@code scales} are h_s's
     * raw output: they are raised to {@link #SCALE_BOUND} here (see {@link #boundScales}), because
     * whether a raised scale may learn depends on ŷ.
     */
    static Tensor likelihood(Tensor yHat, Tensor scales, Tensor means) {
        Tensor v = (means == null ? yHat : yHat.sub(means)).abs();  // symmetric: evaluate in the lower tail, where Φ is small and exact
        Tensor sigma = boundScales(scales, v);
        Tensor upper = standardNormalCdf(v.neg().add(new Scalar(0.5)).div(sigma));
        Tensor lower = standardNormalCdf(v.neg().sub(new Scalar(0.5)).div(sigma));
        return LowerBound.likelihoods(upper.sub(lower));
    }

    /**
     * Scales raised to the bound, for residuals {@code v} = |ŷ − μ|. The value is clamped (the codec
     * never uses smaller scales); the gradient of a scale under the bound passes only where a wider
     * Gaussian would give v's bin more mass, i.e. where training wants the scale to rise, as
     * CompressAI's LowerBound lets through only gradients that raise it. A plain clamp let none
     * through, so a scale that fell under the bound could never come back up. Letting all through
     * was worse: the many elements h_s predicts well kept pushing their raw scales down, which
     * changes nothing in the forward pass, so nothing stopped the push, and the drift of h_s's
     * weights degraded the scales of every other element (low-λ runs got worse the longer they ran).
     * Where the scale is the bound b, the mass Φ((½ − v)/σ) − Φ((−½ − v)/σ) grows with σ exactly when
     * (½ − v)·φ((½ − v)/b) + (½ + v)·φ((½ + v)/b) is negative (φ the normal density), which needs v > ½.
     */
    static Tensor boundScales(Tensor scales, Tensor v) {
        Tensor r = v.detach();
        Tensor a = r.neg().add(new Scalar(0.5));
        Tensor c = r.add(new Scalar(0.5));
        Tensor slope = a.mul(gaussianKernel(a)).add(c.mul(gaussianKernel(c))); // −σ²·∂mass/∂σ at σ = b, up to φ's constant
        Tensor pass = scales.ge(new Scalar(SCALE_BOUND)).logical_or(slope.lt(new Scalar(0.0))).to(scales.scalar_type()).detach();
        return LowerBound.of(scales, SCALE_BOUND, pass);
    }

    /** exp(−x²/(2b²)) with b the scale bound: the normal density at x/b, without its constant. */
    private static Tensor gaussianKernel(Tensor x) {
        return x.div(new Scalar(SCALE_BOUND)).pow(new Scalar(2)).mul(new Scalar(-0.5)).exp();
    }

    /** Φ(x) = ½·erfc(−x/√2). */
    private static Tensor standardNormalCdf(Tensor x) {
        return x.mul(new Scalar(-Math.sqrt(0.5))).erfc().mul(new Scalar(0.5));
    }
}
