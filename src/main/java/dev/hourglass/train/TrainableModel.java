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
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.clip_grad_norm_;

/**
 * A model with its optimiser on a device: one training step from a batch of pixels, and
 * reconstruction, both through plain Java arrays. Every step runs inside a memory scope.
 */
public final class Training {

    private final Autoencoder model;
    private final Optimizer optimizer;
    private final Device device;

    private Training(Autoencoder model, Optimizer optimizer, Device device) {
        this.model = model;
        this.optimizer = optimizer;
        this.device = device;
    }

    /** A freshly initialised model (seeded) and optimiser. */
    public static Training create(ModelSpec spec, OptimizerKind kind, double lr, double weightDecay, DeviceChoice device, long seed) {
        Torch.load();
        Torch.seed(seed);
        Autoencoder m = new Autoencoder(spec);
        Device d = Devices.resolve(device);
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
        if (kind == OptimizerKind.ADAMW) {
            AdamWOptions o = new AdamWOptions(lr);
            o.weight_decay().put(weightDecay);
            return new AdamW(m.parameters(), o);
        }
        AdamOptions o = new AdamOptions(lr);
        o.weight_decay().put(weightDecay);
        return new Adam(m.parameters(), o);
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
