package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Torch;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.spec.SpecFiles;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.Random;

import static org.bytedeco.pytorch.global.torch.rand;

/**
 * Compares autograd's gradients with central finite differences, (L(w+h) − L(w−h)) / 2h, in
 * double precision on a small model of the same family, for a few sampled entries of every
 * parameter. An entry passes when |analytic − numeric| ≤ atol + rtol·|numeric|, the criterion of
 * PyTorch's {@code torch.autograd.gradcheck} (h = 1e-6, atol = 1e-5, rtol = 1e-3); the relative
 * error |a − n| / max(|a|, |n|) is reported over entries whose gradient exceeds atol (for smaller
 * ones, e.g. a convolution bias followed by BatchNorm, whose exact gradient is 0, it is noise).
 * Not thread-safe: it reseeds libtorch's process-wide random generator (its own model is private);
 * one measurement at a time (see {@link ModelRunner}).
 */
public final class FiniteDifferenceCheck {

    /** Result: entries checked, the largest relative error and where it occurred. */
    public record Result(String spec, int entriesChecked, int entriesFailed, double step, double maxAbsoluteError,
                         double maxRelativeError, String worstParameter, double worstAnalytic, double worstNumeric) {

        public boolean passed() {
            return entriesFailed == 0;
        }
    }

    public static final double ATOL = 1e-5;
    public static final double RTOL = 1e-3;

    /** The pass criterion written out from {@link #ATOL} and {@link #RTOL}: {@code |a − n| ≤ 1e-5 + 1e-3·|n|}. */
    public static String criterion() {
        return "|a − n| ≤ " + power(ATOL) + " + " + power(RTOL) + "·|n|";
    }

    /** 1e-5 rather than Java's 1.0E-5. */
    private static String power(double v) {
        return String.format(java.util.Locale.ROOT, "%.0e", v).replaceAll("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
    }

    private FiniteDifferenceCheck() {
    }

    /**
     * The small spec used by default: same family and options as {@code like}, 3 stages of widths 4, 8
     * on 16×16, or on the smallest image the model can code when that is larger (32×32 with a
     * hyperprior, whose hyper-analysis halves the 2×2 latent twice more).
     */
    public static ModelSpec smallVersionOf(ModelSpec like) {
        ModelSpec small = like.withWidths(java.util.List.of(4, 8), 4);
        return small.withImageSize(Math.max(16, small.codingMultiple()));
    }

    public static Result run(ModelSpec spec, long seed, int samplesPerParameter, double step) {
        Torch.load();
        Torch.seed(seed);
        Autoencoder model = new Autoencoder(spec);
        model.to(ScalarType.Double, false);
        model.train(true);
        Random pick = new Random(seed);
        int checked = 0;
        int failed = 0;
        double maxAbs = 0;
        double worst = 0;
        String worstName = "";
        double wa = 0;
        double wn = 0;
        try (MemoryScope s = new MemoryScope()) {
            Tensor x = rand(2, spec.inputChannels(), spec.imageSize(), spec.imageSize()).to(ScalarType.Double);
            Torch.seed(NOISE_SEED);
            model.forward(x).sum().backward();
            StringTensorDict np = model.named_parameters();
            for (long i = 0; i < np.size(); i++) {
                Tensor p = np.get(i).value();
                // an entropy model's density and quantiles are trained by the rate term only: the
                // reconstruction has no gradient for them, so there is nothing to compare
                if (!p.grad().defined()) continue;
                Tensor flat = p.detach().flatten();         // a view: writes reach the parameter
                Tensor grad = p.grad().detach().flatten();
                for (int k = 0; k < samplesPerParameter; k++) {
                    long idx = pick.nextInt((int) flat.numel());
                    Tensor entry = flat.narrow(0, idx, 1);
                    entry.add_(new Scalar(step));
                    double plus = loss(model, x);
                    entry.add_(new Scalar(-2 * step));
                    double minus = loss(model, x);
                    entry.add_(new Scalar(step));
                    double numeric = (plus - minus) / (2 * step);
                    double analytic = grad.narrow(0, idx, 1).item_double();
                    double abs = Math.abs(analytic - numeric);
                    checked++;
                    if (abs > ATOL + RTOL * Math.abs(numeric)) failed++;
                    maxAbs = Math.max(maxAbs, abs);
                    double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
                    double rel = scale > ATOL ? abs / scale : 0;
                    if (rel > worst || worstName.isEmpty()) {
                        worst = rel;
                        worstName = np.get(i).key().getString() + "[" + idx + "]";
                        wa = analytic;
                        wn = numeric;
                    }
                }
            }
        }
        return new Result(SpecFiles.toJson(spec).replaceAll("\\s+", " "), checked, failed, step, maxAbs, worst, worstName, wa, wn);
    }

    /**
     * Every forward pass draws the same random numbers (an entropy model's training noise), so the
     * finite differences see only the perturbed weight.
     */
    private static final long NOISE_SEED = 0x6664L;

    private static double loss(Autoencoder model, Tensor x) {
        try (MemoryScope s = new MemoryScope(); org.bytedeco.pytorch.NoGradGuard g = new org.bytedeco.pytorch.NoGradGuard()) {
            Torch.seed(NOISE_SEED);
            return model.forward(x).sum().item_double();
        }
    }
}
