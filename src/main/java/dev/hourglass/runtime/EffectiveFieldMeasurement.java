package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.ForwardObserver;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import static org.bytedeco.pytorch.global.torch.rand;

/**
 * Effective receptive field (Luo et al., 2016): the gradient of one central latent unit (summed
 * over latent channels) with respect to the input, |∂z/∂x| averaged over a batch of random
 * inputs, in eval mode. The model is restored afterwards.
 * Not thread-safe: it reseeds libtorch's process-wide random generator and switches the model's
 * mode while it runs; one measurement at a time (see {@link ModelRunner}).
 */
public final class EffectiveFieldMeasurement {

    /** The gradient map (row-major, height × width) and where the chosen latent unit sits. */
    public record GradientMap(int height, int width, double[] values, int latentRow, int latentCol) {
    }

    private EffectiveFieldMeasurement() {
    }

    public static GradientMap centralLatentGradient(ModelRunner probe, Shape input, long seed) {
        ModelSnapshot state = new ModelSnapshot(probe.model());
        try (MemoryScope s = new MemoryScope()) {
            probe.model().eval();
            Torch.seed(seed);
            Tensor x = rand(input.dims()).to(probe.device(), ScalarType.Float).set_requires_grad(true);
            Tensor latent = probe.model().encoder().forward(x, ForwardObserver.NONE).latent(); // [N, C, h, w]
            int r = (int) latent.size(2) / 2;
            int c = (int) latent.size(3) / 2;
            latent.narrow(2, r, 1).narrow(3, c, 1).sum().backward();
            Tensor g = x.grad().abs().mean(new long[]{0, 1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()); // [H, W]
            return new GradientMap((int) input.dim(2), (int) input.dim(3), Tensors.toDoubles(g), r, c);
        } finally {
            state.restore();
        }
    }
}
