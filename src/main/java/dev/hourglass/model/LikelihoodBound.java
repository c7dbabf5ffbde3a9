package dev.hourglass.model;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * The floor of 1e-9 under every likelihood the entropy models give, so log2 stays finite. The value
 * is clamped, but the gradient passes as if it were not: the loss is −log2 p, so training always
 * wants a likelihood to rise, and CompressAI's LowerBound lets exactly such gradients through. A plain
 * clamp gave an element under the floor no gradient at all, so a latent that landed more than about
 * 1.16 from its mean under the tightest scale (0.11) could never pull the mean or the scale towards it
 * (in float32 the pull reaches to about 2.1, where the normal density underflows).
 */
final class LikelihoodBound {

    static final double FLOOR = 1e-9;

    private LikelihoodBound() {
    }

    static Tensor apply(Tensor p) {
        return p.add(p.clamp_min(new Scalar(FLOOR)).sub(p).detach());
    }
}
