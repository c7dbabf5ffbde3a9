package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.model.EncoderOutput;
import dev.hourglass.model.ForwardObserver;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.mse_loss;
import static org.bytedeco.pytorch.global.torch.zeros_like;

/**
 * How much the decoder relies on the skips rather than the latent, measured on given images in
 * eval mode: the gradient of the reconstruction MSE with respect to the latent and to each skip,
 * and the reconstructions with the skips or the latent replaced by zeros.
 * Not thread-safe: it switches the model to eval mode while it runs; one measurement at a time
 * (see {@link ModelRunner}).
 */
public final class SkipAblation {

    /**
     * @param latentGradNorm  ‖∂MSE/∂latent‖₂
     * @param skipGradNorms   ‖∂MSE/∂skip_i‖₂, highest resolution first
     * @param intact          reconstruction of the images, row-major, [N, C, H, W]
     * @param skipsZeroed     reconstruction with every skip tensor replaced by zeros
     * @param latentZeroed    reconstruction with the latent replaced by zeros
     */
    public record Result(double latentGradNorm, List<Double> skipGradNorms, float[] intact, float[] skipsZeroed,
                         float[] latentZeroed) {
    }

    private SkipAblation() {
    }

    /** @param images pixels in [0,1], row-major [n, channels, height, width] */
    public static Result measure(ModelRunner probe, float[] images, int n, int height, int width) {
        ModelSnapshot state = new ModelSnapshot(probe.model());
        try (MemoryScope s = new MemoryScope()) {
            probe.model().eval();
            Tensor x = Tensors.fromFloats(images, n, probe.spec().inputChannels(), height, width).to(probe.device(),
                    org.bytedeco.pytorch.global.torch.ScalarType.Float);
            EncoderOutput e;
            try (NoGradGuard g = new NoGradGuard()) {
                e = probe.model().encoder().forward(x, ForwardObserver.NONE);
            }
            Tensor latent = e.latent().detach().clone().set_requires_grad(true);
            List<Tensor> skips = new ArrayList<>();
            for (Tensor t : e.skips()) skips.add(t.detach().clone().set_requires_grad(true));
            Tensor y = probe.model().decoder().forward(latent, skips, ForwardObserver.NONE);
            mse_loss(y, x).backward();
            List<Double> skipNorms = new ArrayList<>();
            for (Tensor t : skips) skipNorms.add(t.grad().norm().item_double());
            float[] intact = Tensors.toFloats(y);
            try (NoGradGuard g = new NoGradGuard()) {
                List<Tensor> zeroSkips = new ArrayList<>();
                for (Tensor t : skips) zeroSkips.add(zeros_like(t));
                float[] noSkips = Tensors.toFloats(probe.model().decoder().forward(latent, zeroSkips, ForwardObserver.NONE));
                float[] noLatent = Tensors.toFloats(probe.model().decoder().forward(zeros_like(latent), skips, ForwardObserver.NONE));
                return new Result(latent.grad().norm().item_double(), skipNorms, intact, noSkips, noLatent);
            }
        } finally {
            state.restore();
        }
    }
}
