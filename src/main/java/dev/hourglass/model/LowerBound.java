package dev.hourglass.model;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * max(p, bound) whose gradient is not the clamp's: the value is exactly the clamped one, but the
 * gradient passes where the caller says (everywhere, or where a 0/1 mask is 1), as CompressAI's
 * LowerBound passes the gradients that would raise a value. A plain clamp passes none under the
 * bound, so a value that fell under it could never come back. The entropy models' likelihoods,
 * the Gaussian conditional's scales and GDN's β and γ use it.
 */
final class LowerBound {

    /**
     * The floor under every likelihood the entropy models give, so log2 stays finite. Its gradient
     * passes everywhere: the loss is −log2 p, so training always wants a likelihood to rise. With a
     * plain clamp a latent that landed more than about 1.16 from its mean under the tightest scale
     * (0.11) could never pull the mean or the scale towards it (in float32 the pull now reaches to
     * about 2.1, where the normal density underflows).
     */
    static final double LIKELIHOOD_FLOOR = 1e-9;

    private LowerBound() {
    }

    /** Likelihoods raised to {@link #LIKELIHOOD_FLOOR}, every gradient passing. */
    static Tensor likelihoods(Tensor p) {
        return of(p, LIKELIHOOD_FLOOR);
    }

    /** max(p, bound), every gradient passing as if unclamped. */
    static Tensor of(Tensor p, double bound) {
        Tensor d = p.detach();
        return d.clamp_min(new Scalar(bound)).add(p.sub(d)); // p − d is exactly 0: the value is the clamp's
    }

    /** max(p, bound), the gradient passing only where {@code pass} (0 or 1, detached) is 1. */
    static Tensor of(Tensor p, double bound, Tensor pass) {
        Tensor learning = p.mul(pass);
        return p.detach().clamp_min(new Scalar(bound)).add(learning.sub(learning.detach()));
    }
}
