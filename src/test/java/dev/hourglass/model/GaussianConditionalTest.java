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
    void aScaleUnderTheBoundLearnsOnlyWhereTrainingWouldRaiseIt() {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            Tensor x = Tensors.fromFloats(new float[]{-0.3f, 0.05f, 0.5f, 0.05f}, 4).set_requires_grad(true);
            // residuals |ŷ − μ|: a scale of 0.11 puts almost all mass in the bin of 0 (a wider one
            // would lower it), while for 1.5 or 0.6 a wider Gaussian would raise the bin's mass
            Tensor v = Tensors.fromFloats(new float[]{0f, 1.5f, 0f, 0.6f}, 4);
            Tensor bounded = GaussianConditional.boundScales(x, v);
            assertArrayEquals(new float[]{0.11f, 0.11f, 0.5f, 0.11f}, Tensors.toFloats(bounded), 1e-7f);
            bounded.sum().backward();
            // all 1 would let the first push its raw scale down for ever; a plain clamp gives 0, 0, 1, 0
            assertArrayEquals(new float[]{0f, 1f, 1f, 1f}, Tensors.toFloats(x.grad()), 0f);
        }
    }

    @Test
    void whereTheScaleLearnsItsGradientIsTheLikelihoodsOwn() {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            // v = 0.6 at σ = 0.11: mass Φ(−0.1/0.11) − Φ(−1.1/0.11), which grows with σ; v = 0 at σ = 1
            // is above the bound, and its mass Φ(0.5) − Φ(−0.5) falls as σ grows
            Tensor scales = Tensors.fromFloats(new float[]{0.05f, 1f}, 2).set_requires_grad(true);
            Tensor yHat = Tensors.fromFloats(new float[]{0.6f, 0f}, 2);
            GaussianConditional.likelihood(yHat, scales, null).sum().backward();
            float[] g = Tensors.toFloats(scales.grad());
            // ∂/∂σ [Φ((½ − v)/σ) − Φ((−½ − v)/σ)] = −[(½ − v)·φ((½ − v)/σ) + (½ + v)·φ((½ + v)/σ)]/σ²:
            // v = 0.6, σ = 0.11: −[−0.1·φ(0.909091) + 1.1·φ(10)]/0.0121 = 0.1·0.263906/0.0121 = 2.181043;
            // v = 0, σ = 1: −[0.5·φ(0.5) + 0.5·φ(0.5)] = −φ(0.5) = −0.352065
            assertArrayEquals(new float[]{2.181043f, -0.352065f}, g, 2e-5f);
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

    @Test
    void anElementUnderTheLikelihoodFloorStillPullsItsMean() {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            // ŷ = 1.2 against μ = 0 with σ = 0.11: mass Φ(−0.7/0.11) − Φ(−1.7/0.11) = 9.85e-11, under the floor
            Tensor yHat = Tensors.fromFloats(new float[]{1.2f}, 1);
            Tensor scales = Tensors.fromFloats(new float[]{0.11f}, 1);
            Tensor means = Tensors.fromFloats(new float[]{0f}, 1).set_requires_grad(true);
            Tensor p = GaussianConditional.likelihood(yHat, scales, means);
            assertArrayEquals(new float[]{1e-9f}, Tensors.toFloats(p), 1e-15f);
            p.log2().neg().sum().backward();
            // ∂p/∂μ = [φ((½ − v)/σ) − φ((½ + v)/σ)]/σ = φ(6.363636)/0.11 = 5.833799e-9, and the bits' gradient is
            // −(∂p/∂μ)/(1e-9·ln 2) = −8.416392: μ moves towards ŷ (a plain clamp gave 0 and left it stuck)
            assertArrayEquals(new float[]{-8.416392f}, Tensors.toFloats(means.grad()), 2e-3f);
        }
    }
}
