package dev.hourglass.model;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The likelihood floor: values are raised to 1e-9, gradients pass everywhere. */
class LikelihoodBoundTest {

    @Test
    void raisesTheValueButKeepsTheGradient() {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            Tensor p = Tensors.fromFloats(new float[]{1e-12f, 0.25f}, 2).set_requires_grad(true);
            Tensor bounded = LikelihoodBound.apply(p);
            assertArrayEquals(new float[]{1e-9f, 0.25f}, Tensors.toFloats(bounded), 0f);
            bounded.mul(Tensors.fromFloats(new float[]{3f, 5f}, 2)).sum().backward();
            assertArrayEquals(new float[]{3f, 5f}, Tensors.toFloats(p.grad()), 0f); // a plain clamp gives 0, 5
        }
    }
}
