package dev.hourglass.model;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The Gaussian conditional's scale bound and likelihoods, against values worked out by hand. */
class GaussianConditionalTest {

    @Test
    void scalesBelowTheBoundAreRaisedButStillLearn() {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            Tensor x = Tensors.fromFloats(new float[]{-0.3f, 0.05f, 0.5f}, 3).set_requires_grad(true);
            Tensor bounded = GaussianConditional.boundScales(x);
            assertArrayEquals(new float[]{0.11f, 0.11f, 0.5f}, Tensors.toFloats(bounded), 1e-7f);
            bounded.sum().backward();
            // a plain clamp gives 0, 0, 1: the two scales under the bound could never grow back
            assertArrayEquals(new float[]{1f, 1f, 1f}, Tensors.toFloats(x.grad()), 0f);
        }
    }

    @Test
    void theLikelihoodIsTheGaussiansMassOverTheUnitBin() {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            Tensor yHat = Tensors.fromFloats(new float[]{0f, 1f, 3f}, 3);
            Tensor scales = Tensors.fromFloats(new float[]{1f, 1f, 0.5f}, 3);
            Tensor means = Tensors.fromFloats(new float[]{0f, 0f, 2.5f}, 3);
            // Φ(0.5) − Φ(−0.5) = 0.382924922548026; Φ(1.5) − Φ(0.5) = 0.241730337457129;
            // (3 − 2.5)/0.5 = 1 ± 1: Φ(2) − Φ(0) = 0.477249868051821
            assertArrayEquals(new float[]{0.38292492f, 0.24173034f, 0.47724987f},
                    Tensors.toFloats(GaussianConditional.likelihood(yHat, scales, means)), 2e-6f);
        }
    }
}
