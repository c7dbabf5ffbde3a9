package dev.hourglass.train;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.GradientMeasurement;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ResidentBatch;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OptimizerParamGroupVector;
import org.bytedeco.pytorch.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.clip_grad_norm_;

/**
 * A model with its optimiser on a device, and the training step: the one definition of
 * zero_grad → forward → loss → backward → clip → optimiser step, used by the trainer and the
 * benchmark alike. Batches come in as plain Java arrays (or a {@link ResidentBatch}); every step
 * runs inside a memory scope and returns Java values.
 */
public final class TrainableModel {

    private final ModelRunner runner;
    private final Optimizer optimizer;

    private TrainableModel(ModelRunner runner, Optimizer optimizer) {
        this.runner = runner;
        this.optimizer = optimizer;
    }

    /** A freshly initialised model (seeded) and optimiser. */
    public static TrainableModel create(ModelSpec spec, OptimizerKind kind, double lr, double weightDecay, DeviceChoice device, long seed) {
        ModelRunner r = ModelRunner.build(spec, device, seed);
        return new TrainableModel(r, optimizer(r.model(), kind, lr, weightDecay));
    }

    /** Model and optimiser state from a checkpoint written by {@link #save}. */
    public static TrainableModel resume(Path checkpoint, OptimizerKind kind, double lr, double weightDecay, DeviceChoice device) {
        ModelRunner[] placed = new ModelRunner[1];
        Checkpoint.Loaded c = Checkpoint.load(checkpoint, m -> {
            placed[0] = ModelRunner.of(m, device); // on the device before the optimiser sees the parameters
            return optimizer(m, kind, lr, weightDecay);
        });
        return new TrainableModel(placed[0], c.optimizer());
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
        return runner.model();
    }

    /** The model on its device, for measurements and reconstructions. */
    public ModelRunner runner() {
        return runner;
    }

    public ModelSpec spec() {
        return runner.spec();
    }

    /**
     * One step on a batch of {@code n} images of height × width in [0,1], row-major. Learning rate
     * {@code lr} applies to this step; {@code clipNorm} ≤ 0 disables clipping.
     */
    public StepResult step(float[] batch, int n, int height, int width, double lr, LossKind loss, double clipNorm) {
        try (MemoryScope s = new MemoryScope()) {
            return step(runner.input(batch, n, height, width), lr, loss, clipNorm);
        }
    }

    /** One step on a batch that stays on the device (benchmarks, memory soaks). */
    public StepResult step(ResidentBatch batch, double lr, LossKind loss, double clipNorm) {
        try (MemoryScope s = new MemoryScope()) {
            return step(batch.tensor(), lr, loss, clipNorm);
        }
    }

    /** The step itself; the caller holds the memory scope. */
    private StepResult step(Tensor x, double lr, LossKind loss, double clipNorm) {
        Autoencoder model = runner.model();
        model.train(true);
        OptimizerParamGroupVector groups = optimizer.param_groups();
        for (long i = 0; i < groups.size(); i++) groups.get(i).options().set_lr(lr);
        optimizer.zero_grad(true);
        Tensor l = Losses.loss(loss, model.forward(x), x);
        double value = l.item_double();
        if (!Double.isFinite(value)) {
            return new StepResult(value, Double.NaN, false, List.of());
        }
        l.backward();
        // without clipping, a threshold no norm reaches (libtorch converts it to float, so not Double.MAX_VALUE)
        double norm = clip_grad_norm_(model.parameters(), clipNorm > 0 ? clipNorm : 1e30);
        if (!Double.isFinite(norm)) {
            return new StepResult(value, norm, false, GradientMeasurement.currentGradients(model));
        }
        optimizer.step();
        return new StepResult(value, norm, true, List.of());
    }

    /** Reconstructions of {@code n} square images of side {@code size}, in eval mode. */
    public float[] reconstructSquare(float[] batch, int n, int size) {
        return runner.reconstruct(batch, n, size, size);
    }

    /** Checkpoint with weights, optimiser state and the given metadata, written atomically. */
    public void save(String metaJson, Path file) throws IOException {
        Checkpoint.save(runner.model(), optimizer, metaJson, file);
    }
}
