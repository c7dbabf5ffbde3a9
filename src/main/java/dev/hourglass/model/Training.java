package dev.hourglass.model;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Devices;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OptimizerParamGroupVector;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.clip_grad_norm_;
import static org.bytedeco.pytorch.global.torch.mse_loss;

/**
 * A model with its optimiser on a device: one training step from a batch of pixels, and
 * reconstruction, both through plain Java arrays. Every step runs inside a memory scope.
 */
public final class Training {

    private final Autoencoder model;
    private final Optimizer optimizer;
    private final Device device;
    private final Optimizer auxOptimizer; // fits the entropy model's quantiles; null without one

    private Training(Autoencoder model, Optimizer optimizer, Device device) {
        this.model = model;
        this.optimizer = optimizer;
        this.device = device;
        EntropyBottleneck eb = model.entropyBottleneck();
        this.auxOptimizer = eb == null ? null : new Adam(new TensorVector(eb.quantiles()), new AdamOptions(AUX_LR));
    }

    /** Learning rate of the auxiliary loss that fits the entropy model's quantiles (CompressAI uses 1e-3). */
    static final double AUX_LR = 1e-3;

    /** A freshly initialised model (seeded) and optimiser. */
    public static Training create(ModelSpec spec, OptimizerKind kind, double lr, double weightDecay, DeviceChoice device, long seed) {
        Torch.load();
        Torch.seed(seed);
        Autoencoder m = new Autoencoder(spec);
        Device d = Devices.resolve(device);
        m.to(d, false);
        return new Training(m, optimizer(m, kind, lr, weightDecay), d);
    }

    /** The weights of a checkpoint with a fresh optimiser: fine-tuning, e.g. to another λ. */
    public static Training fromWeights(Path checkpoint, OptimizerKind kind, double lr, double weightDecay, DeviceChoice device) {
        Device d = Devices.resolve(device);
        Autoencoder m = Checkpoint.load(checkpoint).model();
        m.to(d, false);
        return new Training(m, optimizer(m, kind, lr, weightDecay), d);
    }

    /** Model and optimiser state from a checkpoint written by {@link #save}. */
    public static Training resume(Path checkpoint, OptimizerKind kind, double lr, double weightDecay, DeviceChoice device) {
        Device d = Devices.resolve(device);
        Checkpoint.Loaded c = Checkpoint.load(checkpoint, m -> {
            m.to(d, false);
            return optimizer(m, kind, lr, weightDecay);
        });
        return new Training(c.model(), c.optimizer(), d);
    }

    private static Optimizer optimizer(Autoencoder m, OptimizerKind kind, double lr, double weightDecay) {
        TensorVector params = mainParameters(m);
        if (kind == OptimizerKind.ADAMW) {
            AdamWOptions o = new AdamWOptions(lr);
            o.weight_decay().put(weightDecay);
            return new AdamW(params, o);
        }
        AdamOptions o = new AdamOptions(lr);
        o.weight_decay().put(weightDecay);
        return new Adam(params, o);
    }

    /** Every parameter but the entropy model's quantiles, which only the auxiliary loss may move. */
    private static TensorVector mainParameters(Autoencoder m) {
        if (m.entropyBottleneck() == null) return m.parameters();
        TensorVector out = new TensorVector();
        StringTensorDict np = m.named_parameters();
        for (long i = 0; i < np.size(); i++) {
            if (!np.get(i).key().getString().equals("entropy_bottleneck.quantiles")) out.push_back(np.get(i).value());
        }
        return out;
    }

    public Autoencoder model() {
        return model;
    }

    public ModelSpec spec() {
        return model.spec();
    }

    /**
     * One step on a batch of {@code n} images of height × width in [0,1], row-major. Learning rate
     * {@code lr} applies to this step; {@code clipNorm} ≤ 0 disables clipping.
     */
    public StepResult step(float[] batch, int n, int height, int width, double lr, LossKind loss, double clipNorm) {
        if (model.entropyBottleneck() != null) {
            throw new IllegalStateException("a model with an entropy model trains with stepRateDistortion");
        }
        model.train(true);
        try (MemoryScope s = new MemoryScope()) {
            OptimizerParamGroupVector groups = optimizer.param_groups();
            for (long i = 0; i < groups.size(); i++) groups.get(i).options().set_lr(lr);
            optimizer.zero_grad(true);
            Tensor x = Tensors.fromFloats(batch, n, model.spec().inputChannels(), height, width).to(device, ScalarType.Float);
            Tensor l = Losses.loss(loss, model.forward(x), x);
            double value = l.item_double();
            if (!Double.isFinite(value)) {
                return new StepResult(value, Double.NaN, false, List.of());
            }
            l.backward();
            // without clipping, a threshold no norm reaches (libtorch converts it to float, so not Double.MAX_VALUE)
            double norm = clip_grad_norm_(model.parameters(), clipNorm > 0 ? clipNorm : 1e30);
            if (!Double.isFinite(norm)) {
                return new StepResult(value, norm, false, gradients());
            }
            optimizer.step();
            return new StepResult(value, norm, true, List.of());
        }
    }

    /**
     * One rate–distortion step (Ballé et al. 2018): loss = λ·255²·MSE + bpp, where bpp is
     * −log2 of the entropy model's likelihood of the noisy latent per input pixel; then one step of
     * the auxiliary loss on the quantiles. The uniform noise is drawn from {@code noiseSeed}, so a
     * step is a pure function of the batch, the weights and that seed (and resume stays exact).
     */
    public StepResult stepRateDistortion(float[] batch, int n, int height, int width, double lr, double lambda,
                                         double clipNorm, long noiseSeed) {
        EntropyBottleneck eb = model.entropyBottleneck();
        model.train(true);
        try (MemoryScope s = new MemoryScope()) {
            OptimizerParamGroupVector groups = optimizer.param_groups();
            for (long i = 0; i < groups.size(); i++) groups.get(i).options().set_lr(lr);
            optimizer.zero_grad(true);
            auxOptimizer.zero_grad(true);
            Torch.seed(noiseSeed);
            Tensor x = Tensors.fromFloats(batch, n, model.spec().inputChannels(), height, width).to(device, ScalarType.Float);
            Tensor yHat = eb.quantize(model.encoder().forward(x, ForwardObserver.NONE).latent());    // [B, M, H/16, W/16]
            Tensor bits = eb.likelihood(yHat).log2().sum().neg();
            Tensor bpp = bits.div(new Scalar((double) n * height * width));
            Tensor mse = mse_loss(model.decoder().forward(yHat, List.of(), ForwardObserver.NONE), x);
            Tensor l = mse.mul(new Scalar(lambda * 255 * 255)).add(bpp);
            double value = l.item_double();
            double bppValue = bpp.item_double();
            double mseValue = mse.item_double();
            if (!Double.isFinite(value)) {
                return new StepResult(value, Double.NaN, false, List.of(), bppValue, mseValue);
            }
            l.backward();
            double norm = clip_grad_norm_(mainParameters(model), clipNorm > 0 ? clipNorm : 1e30);
            if (!Double.isFinite(norm)) {
                return new StepResult(value, norm, false, gradients(), bppValue, mseValue);
            }
            optimizer.step();
            Tensor aux = eb.auxiliaryLoss();
            aux.backward();
            auxOptimizer.step();
            return new StepResult(value, norm, true, List.of(), bppValue, mseValue);
        }
    }

    /**
     * The entropy model's estimate of the rate, in bits per pixel, of coding {@code n} images with
     * rounding (eval mode): what a real file of them should cost, headers aside.
     */
    public double estimateBpp(float[] batch, int n, int height, int width) {
        EntropyBottleneck eb = model.entropyBottleneck();
        if (eb == null) throw new IllegalStateException("the model has no entropy model");
        boolean was = model.is_training();
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            model.eval();
            Tensor x = Tensors.fromFloats(batch, n, model.spec().inputChannels(), height, width).to(device, ScalarType.Float);
            Tensor yHat = eb.quantize(model.encoder().forward(x, ForwardObserver.NONE).latent());
            return -eb.likelihood(yHat).log2().sum().item_double() / ((double) n * height * width);
        } finally {
            model.train(was);
        }
    }

    private List<ParamGradient> gradients() {
        List<ParamGradient> out = new ArrayList<>();
        StringTensorDict np = model.named_parameters();
        for (long i = 0; i < np.size(); i++) out.add(GradientProbe.describe(np.get(i).key().getString(), np.get(i).value()));
        return out;
    }

    /** Reconstructions of {@code n} images in eval mode (BatchNorm running statistics), row-major. */
    public float[] reconstruct(float[] batch, int n, int height, int width) {
        return reconstruct(model, device, batch, n, height, width);
    }

    /** Reconstructions of {@code n} square images of side {@code size}. */
    public float[] reconstructSquare(float[] batch, int n, int size) {
        return reconstruct(batch, n, size, size);
    }

    static float[] reconstruct(Autoencoder model, Device device, float[] batch, int n, int height, int width) {
        boolean was = model.is_training();
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            model.eval();
            Tensor x = Tensors.fromFloats(batch, n, model.spec().inputChannels(), height, width).to(device, ScalarType.Float);
            return Tensors.toFloats(model.forward(x));
        } finally {
            model.train(was);
        }
    }

    /** Checkpoint with weights, optimiser state and the given metadata, written atomically. */
    public void save(String metaJson, Path file) throws IOException {
        Checkpoint.save(model, optimizer, metaJson, file);
    }
}
