package dev.hourglass.model;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The lower bound that keeps chosen gradients: values clamped exactly, gradients where the caller says. */
class LowerBoundTest {

    @Test
    void raisesTheValueButKeepsTheGradient() {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            Tensor p = Tensors.fromFloats(new float[]{1e-12f, 0.25f}, 2).set_requires_grad(true);
            Tensor bounded = LowerBound.likelihoods(p);
            assertArrayEquals(new float[]{1e-9f, 0.25f}, Tensors.toFloats(bounded), 0f);
            bounded.mul(Tensors.fromFloats(new float[]{3f, 5f}, 2)).sum().backward();
            assertArrayEquals(new float[]{3f, 5f}, Tensors.toFloats(p.grad()), 0f); // a plain clamp gives 0, 5
        }
    }

    @Test
    void aMaskChoosesWhichGradientsPass() {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            Tensor p = Tensors.fromFloats(new float[]{-1f, 0.05f, 0.5f}, 3).set_requires_grad(true);
            Tensor bounded = LowerBound.of(p, 0.11, Tensors.fromFloats(new float[]{0f, 1f, 1f}, 3));
            assertArrayEquals(new float[]{0.11f, 0.11f, 0.5f}, Tensors.toFloats(bounded), 0f);
            bounded.sum().backward();
            assertArrayEquals(new float[]{0f, 1f, 1f}, Tensors.toFloats(p.grad()), 0f);
        }
    }
}
