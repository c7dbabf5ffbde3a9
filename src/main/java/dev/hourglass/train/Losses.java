package dev.hourglass.train;

import dev.hourglass.backend.Tensors;
import dev.hourglass.metrics.Ssim;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch.ScalarType;

import static org.bytedeco.pytorch.global.torch.conv2d;
import static org.bytedeco.pytorch.global.torch.l1_loss;
import static org.bytedeco.pytorch.global.torch.mse_loss;

/** Differentiable reconstruction losses on [N, 1, H, W] tensors in [0,1]. */
final class Losses {

    private Losses() {
    }

    static Tensor loss(LossKind kind, Tensor xHat, Tensor x) {
        return switch (kind) {
            case MSE -> mse_loss(xHat, x);
            case L1 -> l1_loss(xHat, x);
            case MSE_SSIM -> mse_loss(xHat, x).add(ssim(xHat, x).neg().add(new Scalar(1.0)).mul(new Scalar(LossKind.SSIM_WEIGHT)));
        };
    }

    /**
     * Mean SSIM, differentiable: the definition of {@link Ssim} (window, constants, valid positions,
     * data range 1) in tensor operations, tested equal to it in LossesTest.
     */
    static Tensor ssim(Tensor a, Tensor b) {
        Tensor w = window(a);
        double c1 = Ssim.K1 * Ssim.K1;
        double c2 = Ssim.K2 * Ssim.K2;
        Tensor ma = blur(a, w);
        Tensor mb = blur(b, w);
        Tensor va = blur(a.mul(a), w).sub(ma.mul(ma));
        Tensor vb = blur(b.mul(b), w).sub(mb.mul(mb));
        Tensor cov = blur(a.mul(b), w).sub(ma.mul(mb));
        Tensor lum = ma.mul(mb).mul(new Scalar(2.0)).add(new Scalar(c1)).div(ma.mul(ma).add(mb.mul(mb)).add(new Scalar(c1)));
        Tensor cs = cov.mul(new Scalar(2.0)).add(new Scalar(c2)).div(va.add(vb).add(new Scalar(c2)));
        return lum.mul(cs).mean();
    }

    private static Tensor blur(Tensor t, Tensor w) {
        return conv2d(t, w, new TensorOptional(), new long[]{1, 1}, new long[]{0, 0}, new long[]{1, 1}, 1);
    }

    /**
     * The 2-D window [1, 1, 11, 11] on {@code like}'s device: the outer product of the metric's 1-D
     * Gaussian. Made on every call, in the caller's memory scope (121 values): a tensor kept across
     * scopes would need an owner outside them.
     */
    private static Tensor window(Tensor like) {
        double[] g = Ssim.kernel();
        int n = g.length;
        float[] w = new float[n * n];
        for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) w[y * n + x] = (float) (g[y] * g[x]);
        return Tensors.fromFloats(w, 1, 1, n, n).to(like.device(), ScalarType.Float);
    }
}
