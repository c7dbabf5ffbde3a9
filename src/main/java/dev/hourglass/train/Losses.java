package dev.hourglass.train;

import dev.hourglass.backend.Tensors;
import dev.hourglass.metrics.MsSsim;
import dev.hourglass.metrics.Ssim;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch.ScalarType;

import static org.bytedeco.pytorch.global.torch.avg_pool2d;
import static org.bytedeco.pytorch.global.torch.conv2d;
import static org.bytedeco.pytorch.global.torch.l1_loss;
import static org.bytedeco.pytorch.global.torch.mse_loss;

/** Differentiable reconstruction losses on [N, 1, H, W] tensors in [0,1]. */
final class Losses {

    /**
     * What a scale's mean contrast-structure (and the coarsest scale's SSIM) is clamped to before
     * the power in {@link #msSsim}, where the metric clamps to 0. d(v^w)/dv = w·v^(w−1) is infinite
     * at v = 0 (and 0·∞ = NaN through the clamp), so the loss clamps to this ε instead: the gradient
     * stays at most w·ε^(w−1) (2.4e4 for the finest scale's w = 0.0448, the largest). The value equals the metric's wherever every
     * clamped mean is at least ε; where one is below (an image that anti-correlates with its
     * reconstruction at some scale, which the metric scores 0), the loss gives ε^w times the other
     * factors instead (at most 0.54 for the finest scale's w, about ε when every scale is clamped).
     */
    static final double MS_SSIM_EPSILON = 1e-6;

    private Losses() {
    }

    /** The reconstruction loss of a model without an entropy model. */
    static Tensor loss(LossKind kind, Tensor xHat, Tensor x) {
        return switch (kind) {
            case MSE -> mse_loss(xHat, x);
            case L1 -> l1_loss(xHat, x);
            case MSE_SSIM -> mse_loss(xHat, x).add(ssim(xHat, x).neg().add(new Scalar(1.0)).mul(new Scalar(LossKind.SSIM_WEIGHT)));
            case MS_SSIM -> msSsim(xHat, x).neg().add(new Scalar(1.0));
        };
    }

    /**
     * Mean SSIM, differentiable: the definition of {@link Ssim} (window, constants, valid positions,
     * data range 1) in tensor operations, tested equal to it in LossesTest.
     */
    static Tensor ssim(Tensor a, Tensor b) {
        Maps m = maps(a, b, window(a));
        return m.luminance().mul(m.contrastStructure()).mean();
    }

    /**
     * MS-SSIM, differentiable: the definition of {@link MsSsim} (five scales, its weights, 2×2
     * average pooling that drops an odd last row or column, contrast-structure at every scale and
     * luminance only at the coarsest, negative means clamped before the power; the SSIM of
     * {@link Ssim} at each scale) computed per image, then averaged over the batch: a scalar. The
     * clamp is to {@link #MS_SSIM_EPSILON}, not 0 (see there). Needs H and W of at least
     * {@link MsSsim#MIN_SIZE}. Tested against the metric in LossesTest.
     */
    static Tensor msSsim(Tensor a, Tensor b) {
        long h = a.size(2);
        long w = a.size(3);
        if (h < MsSsim.MIN_SIZE || w < MsSsim.MIN_SIZE) {
            throw new IllegalArgumentException("MS-SSIM needs images of at least " + MsSsim.MIN_SIZE + "×" + MsSsim.MIN_SIZE
                    + " (five scales of an 11×11 window) but got " + w + "×" + h);
        }
        Tensor window = window(a);
        Tensor x = a;
        Tensor y = b;
        Tensor product = null; // [N]: one MS-SSIM per image
        int last = MsSsim.WEIGHTS.length - 1;
        for (int s = 0; s <= last; s++) {
            Maps m = maps(x, y, window);
            Tensor map = s < last ? m.contrastStructure() : m.luminance().mul(m.contrastStructure());
            Tensor factor = perImageMean(map).clamp_min(new Scalar(MS_SSIM_EPSILON)).pow(new Scalar(MsSsim.WEIGHTS[s]));
            product = product == null ? factor : product.mul(factor);
            if (s < last) {
                x = halve(x);
                y = halve(y);
            }
        }
        return product.mean();
    }

    /** The luminance and contrast-structure maps of SSIM at the valid positions, [N, 1, H−10, W−10] each. */
    private record Maps(Tensor luminance, Tensor contrastStructure) {
    }

    private static Maps maps(Tensor a, Tensor b, Tensor w) {
        double c1 = Ssim.K1 * Ssim.K1;
        double c2 = Ssim.K2 * Ssim.K2;
        Tensor ma = blur(a, w);
        Tensor mb = blur(b, w);
        Tensor va = blur(a.mul(a), w).sub(ma.mul(ma));
        Tensor vb = blur(b.mul(b), w).sub(mb.mul(mb));
        Tensor cov = blur(a.mul(b), w).sub(ma.mul(mb));
        Tensor lum = ma.mul(mb).mul(new Scalar(2.0)).add(new Scalar(c1)).div(ma.mul(ma).add(mb.mul(mb)).add(new Scalar(c1)));
        Tensor cs = cov.mul(new Scalar(2.0)).add(new Scalar(c2)).div(va.add(vb).add(new Scalar(c2)));
        return new Maps(lum, cs);
    }

    /** [N, C, H, W] → [N]. */
    private static Tensor perImageMean(Tensor t) {
        return t.mean(new long[]{1, 2, 3}, false, new ScalarTypeOptional());
    }

    /** 2×2 average pooling, stride 2, no padding: an odd last row or column is dropped, as in {@link MsSsim}. */
    private static Tensor halve(Tensor t) {
        return avg_pool2d(t, new long[]{2, 2}, new long[]{2, 2}, new long[]{0, 0}, false, true, new LongOptional());
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
