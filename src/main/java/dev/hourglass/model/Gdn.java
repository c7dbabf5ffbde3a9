package dev.hourglass.model;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;

import static org.bytedeco.pytorch.global.torch.conv2d;
import static org.bytedeco.pytorch.global.torch.eye;
import static org.bytedeco.pytorch.global.torch.ones;

/**
 * Generalized divisive normalisation (Ballé, Laparra, Simoncelli 2016):
 * {@code y_i = x_i / sqrt(β_i + Σ_j γ_ij x_j²)}, or its inverse IGDN {@code y_i = x_i · sqrt(…)} in the
 * decoder. The sum over j is a 1×1 convolution of x² with weight γ and bias β.
 *
 * <p>β and γ are stored reparameterised (Ballé et al. 2018): the parameter p holds
 * {@code sqrt(v + ε²)} with ε = 2^−18, and the value used is {@code max(p, bound)² − ε²}, so β stays at
 * or above {@value #BETA_MIN} and γ non-negative however the optimiser moves p. Parameters: C + C².
 */
public final class Gdn extends Module {

    static final double PEDESTAL = Math.pow(2, -36);

    /**
     * The stored γ entry that means γ = 0 and still learns: the bound itself (below it only a gradient
     * that raises it passes, see {@link #gateBoundGradients}).
     */
    public static final float STORED_ZERO_GAMMA = (float) Math.sqrt(PEDESTAL);
    static final double BETA_MIN = 1e-6;
    private static final double BETA_BOUND = Math.sqrt(BETA_MIN + PEDESTAL);
    private static final double GAMMA_BOUND = Math.sqrt(PEDESTAL);

    private final int channels;
    private final boolean inverse;
    private final Tensor beta;
    private final Tensor gamma;

    /** Built outside any memory scope, like every module (its parameters live as long as it does). */
    Gdn(int channels, boolean inverse) {
        super(inverse ? "IGDN" : "GDN");
        this.channels = channels;
        this.inverse = inverse;
        // keep our own handles: the reference register_parameter returns points into the module's
        // dictionary and dangles once the dictionary grows (a SIGSEGV here, in clamp_min)
        beta = ones(channels).mul(new Scalar(Math.sqrt(1 + PEDESTAL)));
        gamma = eye(channels).mul(new Scalar(0.1)).add(new Scalar(PEDESTAL)).sqrt();
        register_parameter("beta", beta);
        register_parameter("gamma", gamma);
    }

    public boolean inverse() {
        return inverse;
    }

    public Tensor forward(Tensor x) {
        Tensor b = LowerBound.of(beta, BETA_BOUND).pow(new Scalar(2)).sub(new Scalar(PEDESTAL));
        Tensor g = LowerBound.of(gamma, GAMMA_BOUND).pow(new Scalar(2)).sub(new Scalar(PEDESTAL)).view(channels, channels, 1, 1);
        Tensor norm = conv2d(x.mul(x), g, new TensorOptional(b), new long[]{1, 1}, new long[]{0, 0}, new long[]{1, 1}, 1); // [B, C, H, W]
        return inverse ? x.mul(norm.sqrt()) : x.mul(norm.rsqrt());
    }

    /**
     * After the backward pass, before the optimiser step: a stored value under its bound keeps only a
     * gradient that would raise it (CompressAI's LowerBound). With a plain clamp it kept none, so an
     * off-diagonal γ the optimiser once pushed under the bound stayed 0 for good; the shipped models, all
     * trained before this change, have almost no cross-channel γ left (README, *Known issues*).
     */
    public void gateBoundGradients() {
        gate(beta, BETA_BOUND);
        gate(gamma, GAMMA_BOUND);
    }

    private static void gate(Tensor p, double bound) {
        Tensor grad = p.grad();
        if (!grad.defined()) return;
        grad.masked_fill_(p.lt(new Scalar(bound)).logical_and(grad.gt(new Scalar(0.0))), new Scalar(0.0));
    }
}
