package dev.hourglass.model;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.rand_like;
import static org.bytedeco.pytorch.global.torch.zeros;

/**
 * The factorized prior ("entropy bottleneck") of Ballé, Minnen, Singh, Hwang, Johnston 2018,
 * appendix 6.1: each latent channel c has its own learned cumulative density
 * {@code c(y) = sigmoid(f_K ∘ … ∘ f_1(y))}, where each {@code f_k(x) = H_k·x + b_k} uses a matrix
 * kept positive by softplus (so c is monotone), followed, except at the last layer, by
 * {@code x + tanh(a_k) ⊙ tanh(x)}. The probability of a quantised value is the mass of its bin,
 * {@code c(y + ½) − c(y − ½)}.
 *
 * <pre>
 *   training:  ŷ = y + u, u ~ U(−½, ½)      (a differentiable stand-in for rounding)
 *   testing:   ŷ = round(y − m) + m         (m: the channel's median, the rounding centre)
 *   rate:      −log2 Π p(ŷ)  bits
 * </pre>
 *
 * <p>{@code quantiles} holds, per channel, three points of c: its tails (where c = ε and 1 − ε,
 * ε = {@value #TAIL_MASS}/2) and its median. They are fitted by {@link #auxiliaryLoss()}, with a
 * separate optimiser, so that the coded range is known; the main loss must not train them.
 *
 * <p>The codec never evaluates this density: it quantises {@link #binProbabilities} into integer
 * frequency tables once ("freezing") and stores them in the buffers {@code frozen_*} ({@link #frozen()}),
 * which are saved, and fingerprinted, with the weights; coding reads only those integers.
 */
public final class EntropyBottleneck extends Module {

    /** Filter widths of the density networks: 1 → 3 → 3 → 3 → 1, as in the paper. */
    private static final int[] WIDTHS = {1, 3, 3, 3, 1};
    private static final double INIT_SCALE = 10;
    public static final double TAIL_MASS = 1e-9;
    /** Columns of each channel's frozen table: up to {@code MAX_SYMBOLS − 1} regular symbols and an escape. */
    public static final int MAX_SYMBOLS = 512;

    private final int channels;
    private final List<Tensor> matrices = new ArrayList<>();
    private final List<Tensor> biases = new ArrayList<>();
    private final List<Tensor> factors = new ArrayList<>();
    private final Tensor quantiles;
    private final FrozenBuffers frozen;

    /** Built outside any memory scope: the parameters live as long as the module. */
    EntropyBottleneck(int channels) {
        super("EntropyBottleneck");
        this.channels = channels;
        double scale = Math.pow(INIT_SCALE, 1.0 / (WIDTHS.length - 1));
        for (int i = 0; i < WIDTHS.length - 1; i++) {
            double init = Math.log(Math.expm1(1 / scale / WIDTHS[i + 1]));
            matrices.add(registered("matrix" + i, zeros(channels, WIDTHS[i + 1], WIDTHS[i]).add(new Scalar(init))));
            biases.add(registered("bias" + i, zeros(channels, WIDTHS[i + 1], 1).uniform_(-0.5, 0.5, new org.bytedeco.pytorch.GeneratorOptional())));
            if (i < WIDTHS.length - 2) {
                factors.add(registered("factor" + i, zeros(channels, WIDTHS[i + 1], 1)));
            }
        }
        float[] q = new float[channels * 3];
        for (int c = 0; c < channels; c++) {
            q[3 * c] = (float) -INIT_SCALE;
            q[3 * c + 2] = (float) INIT_SCALE;
        }
        quantiles = registered("quantiles", dev.hourglass.backend.Tensors.fromFloats(q, channels, 1, 3));
        frozen = new FrozenBuffers(this, channels, MAX_SYMBOLS);
    }

    /**
     * Registers {@code t} and returns our own handle to it (it shares the tensor): the reference that
     * register_parameter returns points into the module's dictionary and dangles when it grows.
     */
    private Tensor registered(String name, Tensor t) {
        register_parameter(name, t);
        return t;
    }

    public int channels() {
        return channels;
    }

    /** Parameters per channel: matrices 3+9+9+3, biases 3+3+3+1, factors 3+3+3, quantiles 3. */
    public static long parameters(int channels) {
        return 46L * channels;
    }

    /** The buffers holding the frozen tables (all lengths 0 until a codec has frozen them). */
    public FrozenBuffers frozen() {
        return frozen;
    }

    /** ŷ: y with uniform noise in training mode, rounded around the medians in eval mode. */
    public Tensor quantize(Tensor y) {
        if (is_training()) {
            return y.add(rand_like(y).sub(new Scalar(0.5)));
        }
        Tensor m = medians().detach().view(1, channels, 1, 1);
        return y.sub(m).round().add(m);
    }

    /** p(ŷ) per element, [B, C, H, W], bounded below by {@link LowerBound#LIKELIHOOD_FLOOR}. */
    public Tensor likelihood(Tensor yHat) {
        long[] s = yHat.sizes().vec().get();
        Tensor v = yHat.permute(1, 0, 2, 3).reshape(channels, 1, -1);               // [C, 1, B·H·W]
        Tensor lower = logitsCumulative(v.sub(new Scalar(0.5)), false);
        Tensor upper = logitsCumulative(v.add(new Scalar(0.5)), false);
        Tensor sign = lower.add(upper).sign().neg().detach();                      // evaluate in the tail that is far from 1
        Tensor p = sign.mul(upper).sigmoid().sub(sign.mul(lower).sigmoid()).abs();
        p = LowerBound.likelihoods(p);
        return p.reshape(channels, s[0], s[2], s[3]).permute(1, 0, 2, 3);           // [B, C, H, W]
    }

    /** Σ |logits(quantiles) − targets|: moves the quantiles (and only them) to the tails and median of c. */
    public Tensor auxiliaryLoss() {
        Tensor logits = logitsCumulative(quantiles, true);                          // [C, 1, 3]
        double t = Math.log(2 / TAIL_MASS - 1);
        float[] target = new float[channels * 3];
        for (int c = 0; c < channels; c++) {
            target[3 * c] = (float) -t;
            target[3 * c + 2] = (float) t;
        }
        Tensor tgt = dev.hourglass.backend.Tensors.fromFloats(target, channels, 1, 3).to(logits.device(),
                org.bytedeco.pytorch.global.torch.ScalarType.Float);
        return logits.sub(tgt).abs().sum();
    }

    /** The quantiles parameter, [C, 1, 3]: lower tail, median, upper tail. */
    public Tensor quantiles() {
        return quantiles;
    }

    Tensor medians() {
        return quantiles.select(2, 1).reshape(channels);                             // [C]
    }

    /** Per channel: lower tail, median and upper tail as fitted so far, [C][3] (a copy). */
    public float[][] quantileValues() {
        try (dev.hourglass.backend.MemoryScope s = new dev.hourglass.backend.MemoryScope()) {
            float[] q = dev.hourglass.backend.Tensors.toFloats(quantiles.detach());
            float[][] out = new float[channels][];
            for (int c = 0; c < channels; c++) out[c] = new float[]{q[3 * c], q[3 * c + 1], q[3 * c + 2]};
            return out;
        }
    }

    /**
     * The probability of each bin {@code centre_c + j} for j = 0 … n−1 (bins of width 1), per channel,
     * as doubles: what a codec quantises into its frozen tables.
     */
    public double[][] binProbabilities(float[] centres, int n) {
        float[] pts = new float[channels * n];
        for (int c = 0; c < channels; c++) for (int j = 0; j < n; j++) pts[c * n + j] = centres[c] + j;
        try (dev.hourglass.backend.MemoryScope s = new dev.hourglass.backend.MemoryScope();
             org.bytedeco.pytorch.NoGradGuard g = new org.bytedeco.pytorch.NoGradGuard()) {
            Tensor points = dev.hourglass.backend.Tensors.fromFloats(pts, channels, 1, n).to(quantiles.device(),
                    org.bytedeco.pytorch.global.torch.ScalarType.Float);
            Tensor lower = logitsCumulative(points.sub(new Scalar(0.5)), true);
            Tensor upper = logitsCumulative(points.add(new Scalar(0.5)), true);
            Tensor sign = lower.add(upper).sign().neg();
            double[] p = dev.hourglass.backend.Tensors.toDoubles(sign.mul(upper).sigmoid().sub(sign.mul(lower).sigmoid()).abs());
            double[][] out = new double[channels][n];
            for (int c = 0; c < channels; c++) System.arraycopy(p, c * n, out[c], 0, n);
            return out;
        }
    }

    /** c's logit at each point; with {@code stopGradient} the density's own parameters get no gradient. */
    Tensor logitsCumulative(Tensor x, boolean stopGradient) {
        Tensor logits = x;
        for (int i = 0; i < matrices.size(); i++) {
            Tensor m = softplus(stopGradient ? matrices.get(i).detach() : matrices.get(i));
            Tensor b = stopGradient ? biases.get(i).detach() : biases.get(i);
            logits = m.matmul(logits).add(b);                                       // [C, w_{i+1}, n]
            if (i < factors.size()) {
                Tensor f = stopGradient ? factors.get(i).detach() : factors.get(i);
                logits = logits.add(f.tanh().mul(logits.tanh()));
            }
        }
        return logits;
    }

    private static Tensor softplus(Tensor x) {
        return x.clamp_min(new Scalar(0.0)).add(x.abs().neg().exp().log1p());
    }
}
