package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.EncoderOutput;
import dev.hourglass.model.EntropyBottleneck;
import dev.hourglass.model.EntropyModelKind;
import dev.hourglass.model.ForwardObserver;
import dev.hourglass.model.ModelSpec;
import org.bytedeco.pytorch.AbstractTensor;
import org.bytedeco.pytorch.LeakyReLUImpl;
import org.bytedeco.pytorch.LeakyReLUOptions;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.isfinite;
import static org.bytedeco.pytorch.global.torch.isinf;
import static org.bytedeco.pytorch.global.torch.isnan;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.bytedeco.pytorch.global.torch.where;
import static org.bytedeco.pytorch.global.torch.zeros_like;

/**
 * Gradient measurements: per-parameter gradient flow, and autograd on single activations.
 * Not thread-safe: it reseeds libtorch's process-wide random generator and switches the model's
 * mode while it runs; one measurement at a time (see {@link ModelRunner}).
 */
public final class GradientMeasurement {

    private GradientMeasurement() {
    }

    /**
     * The course's gradient-flow test: training mode, an input that requires grad, loss = sum of
     * the output, backward; then every named parameter's gradient. The model is restored afterwards.
     * A model with an entropy model adds the two losses that reach its own parameters (see
     * {@link #lossDescription}): without them its density and quantiles would read as "missing".
     */
    public static List<ParamGradient> sumLossGradients(ModelRunner probe, Shape input, long seed) {
        ModelSnapshot state = new ModelSnapshot(probe.model());
        List<ParamGradient> out = new ArrayList<>();
        try (MemoryScope s = new MemoryScope()) {
            Autoencoder model = probe.model();
            model.train(true);
            model.zero_grad(true);
            Torch.seed(seed);
            Tensor x = rand(input.dims()).to(probe.device(), ScalarType.Float).set_requires_grad(true);
            EntropyBottleneck eb = model.entropyBottleneck();
            if (eb == null) {
                model.forward(x).sum().backward();
            } else {
                EncoderOutput e = model.encoder().forward(x, ForwardObserver.NONE);
                Autoencoder.Quantized q = model.quantize(e.latent(), ForwardObserver.NONE);   // noisy ŷ, as in training
                model.decoder().forward(q.yHat(), e.skips(), ForwardObserver.NONE).sum().add(q.bits()).add(eb.auxiliaryLoss()).backward();
            }
            model.gateBoundGradients(); // what a training step would apply (GDN's bounded β and γ)
            out.addAll(currentGradients(model));
        } finally {
            state.restore();
        }
        return out;
    }

    /** The loss whose gradients {@link #sumLossGradients} measures for this spec, in words. */
    public static String lossDescription(ModelSpec spec) {
        return spec.entropyModel() == EntropyModelKind.NONE ? "sum of the output"
                : spec.entropyModel().hasHyperprior()
                ? "sum of the output + rate (−Σ log₂ likelihood of ŷ given ẑ and of ẑ, in bits) + the entropy model's auxiliary quantile loss"
                : "sum of the output + rate (−Σ log₂ likelihood of ŷ, in bits) + the entropy model's auxiliary quantile loss";
    }

    /** The gradient every named parameter of {@code module} holds now, in registration order. */
    public static List<ParamGradient> currentGradients(Module module) {
        List<ParamGradient> out = new ArrayList<>();
        try (MemoryScope s = new MemoryScope()) {
            StringTensorDict np = module.named_parameters();
            for (long i = 0; i < np.size(); i++) out.add(describe(np.get(i).key().getString(), np.get(i).value()));
        }
        return out;
    }

    static ParamGradient describe(String name, Tensor p) {
        Shape shape = new Shape(Tensors.shape(p));
        Tensor g = p.grad();
        if (!g.defined()) {
            return new ParamGradient(name, shape, false, 0, 0, 0, 0);
        }
        Tensor gd = g.detach().to(ScalarType.Double);
        long nan = isnan(gd).sum().item().toLong();
        long inf = isinf(gd).sum().item().toLong();
        Tensor finite = where(isfinite(gd), gd, zeros_like(gd));
        return new ParamGradient(name, shape, true, finite.norm().item_double(), finite.abs().max().item_double(), nan, inf);
    }

    /**
     * d activation(x) / dx measured by autograd at the given points, for LeakyReLU with
     * {@code slope} (or ReLU when {@code slope} is null).
     */
    public static double[] activationGradient(Double slope, double... points) {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            Tensor x = AbstractTensor.create(points).set_requires_grad(true);
            Tensor y;
            if (slope == null) {
                y = new ReLUImpl().forward(x);
            } else {
                LeakyReLUOptions o = new LeakyReLUOptions();
                o.negative_slope().put(slope);
                y = new LeakyReLUImpl(o).forward(x);
            }
            y.sum().backward();
            return Tensors.toDoubles(x.grad());
        }
    }
}
