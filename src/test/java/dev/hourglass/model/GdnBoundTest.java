package dev.hourglass.model;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** GDN's bounded β and γ: a stored value under its bound keeps only a gradient that would raise it. */
class GdnBoundTest {

    /** One pixel x = (1, 1) through a 2-channel GDN whose off-diagonal γ is stored as 0, under the bound 2^−18. */
    private static float[] gammaGradient(double sign) {
        Gdn gdn = new Gdn(2, false);
        try (MemoryScope s = new MemoryScope()) {
            Tensor gamma = gdn.named_parameters().get("gamma");
            gamma.detach().copy_(Tensors.fromFloats(new float[]{(float) Math.sqrt(0.1 + Gdn.PEDESTAL), 0f, 0f,
                    (float) Math.sqrt(0.1 + Gdn.PEDESTAL)}, 2, 2));
            Tensor y = gdn.forward(Tensors.fromFloats(new float[]{1f, 1f}, 1, 2, 1, 1));
            y.sum().mul(new org.bytedeco.pytorch.Scalar(sign)).backward();
            gdn.gateBoundGradients();
            return Tensors.toFloats(gamma.grad());
        }
    }

    @Test
    void aGammaUnderTheBoundLearnsOnlyUpwards() {
        Torch.load();
        // y_i = x_i / sqrt(β_i + Σ_j γ_ij x_j²) with β = 1, γ_ii = 0.1, γ_ij = 0: ∂y_i/∂γ_ij = −½·1.1^−1.5 = −0.433392;
        // the stored p gives γ = max(p, b)² − b², so ∂/∂p = 2·max(p, b)·(−0.433392): −0.274101 on the diagonal
        // (p = √0.1), −3.306519e-6 off it (p = 0 < b = 2^−18, the gradient taken at the bound)
        float[] raise = gammaGradient(1);  // loss Σy: a larger γ lowers it, so every entry may rise
        assertArrayEquals(new float[]{-0.274101f, -3.306519e-6f, -3.306519e-6f, -0.274101f}, raise, 1e-6f);
        float[] lower = gammaGradient(-1); // loss −Σy: the off-diagonal entries would sink further under the bound
        assertArrayEquals(new float[]{0.274101f, 0f, 0f, 0.274101f}, lower, 1e-6f);
    }
}
