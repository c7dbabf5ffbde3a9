package dev.hourglass.train;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.EntropyBottleneck;
import dev.hourglass.model.ForwardObserver;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.backend.Torch;
import dev.hourglass.runtime.EvalMode;
import dev.hourglass.runtime.GradientMeasurement;
import dev.hourglass.runtime.ChannelsLast;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ResidentBatch;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OptimizerParamGroupVector;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.clip_grad_norm_;
import static org.bytedeco.pytorch.global.torch.mse_loss;

/**
 * A model with its optimiser on a device, and the training step: the one definition of
 * zero_grad → forward → loss → backward → clip → optimiser step, used by the trainer and the
 * benchmark alike. Batches come in as plain Java arrays (or a {@link ResidentBatch}); every step
 * runs inside a memory scope and returns Java values.
 */
public final class TrainableModel {

    /** Learning rate of the auxiliary loss that fits the entropy model's quantiles (CompressAI uses 1e-3). */
    static final double AUX_LR = 1e-3;

    private final ModelRunner runner;
    private final Optimizer optimizer;
    private final Optimizer auxOptimizer; // fits the entropy model's quantiles; null without one
    private StepSync sync = StepSync.NONE; // what the step shares with other ranks (data-parallel training)

    private TrainableModel(ModelRunner runner, Optimizer optimizer) {
        this.runner = runner;
        this.optimizer = optimizer;
        EntropyBottleneck eb = runner.model().entropyBottleneck();
        MemoryScope.requireNone("an optimiser");
        this.auxOptimizer = eb == null ? null : new Adam(new TensorVector(eb.quantiles()), new AdamOptions(AUX_LR));
    }

    /** A freshly initialised model (seeded) and optimiser. */
    public static TrainableModel create(ModelSpec spec, OptimizerKind kind, double lr, double weightDecay, DeviceChoice device, long seed) {
        ModelRunner r = ModelRunner.build(spec, device, seed);
        return new TrainableModel(r, optimizer(r.model(), kind, lr, weightDecay));
    }

    /** The weights of a checkpoint with a fresh optimiser: fine-tuning, e.g. to another λ. */
    public static TrainableModel fromWeights(Path checkpoint, OptimizerKind kind, double lr, double weightDecay, DeviceChoice device) {
        return fromWeights(Checkpoint.load(checkpoint).model(), kind, lr, weightDecay, device);
    }

    /** A loaded checkpoint's model with a fresh optimiser; the model becomes this one's. */
    static TrainableModel fromWeights(Autoencoder loaded, OptimizerKind kind, double lr, double weightDecay, DeviceChoice device) {
        ModelRunner r = ModelRunner.of(loaded, device);
        return new TrainableModel(r, optimizer(r.model(), kind, lr, weightDecay));
    }

    /**
     * A model of another spec started from a checkpoint's tensors (see {@link #warmStart}): those
     * copied whole, those widened from narrower ones, and those that keep their initialisation.
     */
    public record WarmStart(TrainableModel model, List<String> copied, List<String> widened, List<String> fresh) {
    }

    /**
     * A freshly initialised (seeded) model of {@code spec} in which every parameter and buffer whose
     * name and shape match one of {@code checkpoint}'s takes its values; the rest keep their
     * initialisation. E.g. a hyperprior model that starts from a trained factorized model's g_a and g_s.
     * When the two networks differ only in their channel counts, and the checkpoint's are no larger,
     * the narrower tensors are also placed into the wider ones ({@link Widening}), so the wider model
     * starts out reconstructing as the narrow one did.
     */
    public static WarmStart warmStart(ModelSpec spec, Path checkpoint, OptimizerKind kind, double lr, double weightDecay,
                                      DeviceChoice device, long seed) {
        return warmStart(spec, Checkpoint.load(checkpoint).model(), kind, lr, weightDecay, device, seed);
    }

    /** As {@link #warmStart(ModelSpec, Path, OptimizerKind, double, double, DeviceChoice, long)} from a loaded model, which it closes. */
    static WarmStart warmStart(ModelSpec spec, Autoencoder from, OptimizerKind kind, double lr, double weightDecay,
                               DeviceChoice device, long seed) {
        java.util.Map<String, dev.hourglass.runtime.WeightTensor> source = new java.util.HashMap<>();
        for (dev.hourglass.runtime.WeightTensor w : dev.hourglass.runtime.ModelWeights.read(from)) source.put(w.name(), w);
        boolean widens = widerVersionOf(from.spec(), spec);
        from.close();
        ModelRunner r = ModelRunner.build(spec, device, seed);
        java.util.Map<String, Widening.Layout> layouts = widens ? Widening.layouts(r.model()) : java.util.Map.of();
        List<dev.hourglass.runtime.WeightTensor> values = new java.util.ArrayList<>();
        List<String> copied = new java.util.ArrayList<>();
        List<String> widened = new java.util.ArrayList<>();
        List<String> fresh = new java.util.ArrayList<>();
        for (dev.hourglass.runtime.WeightTensor mine : dev.hourglass.runtime.ModelWeights.read(r.model())) {
            dev.hourglass.runtime.WeightTensor theirs = source.get(mine.name());
            boolean match = theirs != null && java.util.Arrays.equals(theirs.shape(), mine.shape()) && theirs.integer() == mine.integer();
            java.util.Optional<dev.hourglass.runtime.WeightTensor> wide = match || theirs == null || !layouts.containsKey(mine.name())
                    ? java.util.Optional.empty() : Widening.widen(mine, theirs, layouts.get(mine.name()));
            values.add(match ? theirs : wide.orElse(mine));
            (match ? copied : wide.isPresent() ? widened : fresh).add(mine.name());
        }
        dev.hourglass.runtime.ModelWeights.write(r.model(), values);
        return new WarmStart(new TrainableModel(r, optimizer(r.model(), kind, lr, weightDecay)), copied, widened, fresh);
    }

    /**
     * Whether {@code wide} is {@code narrow} with as many or more channels in every stage and the
     * latent, and nothing else changed. Not with concatenated skips: a decoder stage's input is then
     * two channel ranges side by side, and the second one moves when the first grows.
     */
    static boolean widerVersionOf(ModelSpec narrow, ModelSpec wide) {
        if (narrow.skips() != dev.hourglass.model.SkipMode.NONE || narrow.stageChannels().size() != wide.stageChannels().size()
                || narrow.latentChannels() > wide.latentChannels()) {
            return false;
        }
        for (int i = 0; i < narrow.stageChannels().size(); i++) {
            if (narrow.stageChannels().get(i) > wide.stageChannels().get(i)) return false;
        }
        return narrow.withWidths(wide.stageChannels(), wide.latentChannels()).withImageSize(wide.imageSize()).equals(wide);
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

    /** The optimiser of a model: built outside any memory scope (it lives as long as the model; throws otherwise). */
    static Optimizer optimizer(Autoencoder m, OptimizerKind kind, double lr, double weightDecay) {
        MemoryScope.requireNone("an optimiser");
        ChannelsLast.apply(m); // the model trains channels-last, as its batches come (measured: README, Benchmarks)
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

    /** The parameters whose gradients a step averages over the ranks (all but an entropy model's quantiles). */
    TensorVector averagedParameters() {
        return mainParameters(runner.model());
    }

    /** Shares every following step's loss and gradients with the other ranks of a group. */
    void sync(StepSync s) {
        this.sync = s;
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
            return step(trainingBatch(batch, n, height, width), lr, loss, clipNorm);
        }
    }

    /** A batch on the model's device in the layout the model trains in (channels-last); the caller's memory scope owns it. */
    private Tensor trainingBatch(float[] batch, int n, int height, int width) {
        return ChannelsLast.input(runner.input(batch, n, height, width));
    }

    /** One step on a batch that stays on the device (benchmarks, memory soaks). */
    public StepResult step(ResidentBatch batch, double lr, LossKind loss, double clipNorm) {
        try (MemoryScope s = new MemoryScope()) {
            return step(ChannelsLast.input(batch.tensor()), lr, loss, clipNorm);
        }
    }

    /** The step itself; the caller holds the memory scope. */
    private StepResult step(Tensor x, double lr, LossKind loss, double clipNorm) {
        Autoencoder model = runner.model();
        if (model.entropyBottleneck() != null) {
            throw new IllegalStateException("a model with an entropy model trains with stepRateDistortion");
        }
        model.train(true);
        OptimizerParamGroupVector groups = optimizer.param_groups();
        for (long i = 0; i < groups.size(); i++) groups.get(i).options().set_lr(lr);
        optimizer.zero_grad(true);
        Tensor l = Losses.loss(loss, model.forward(x, sync.forwardHook()), x);
        double value = sync.averageLoss(l.item_double()); // every rank decides on the same value
        if (!Double.isFinite(value)) {
            return new StepResult(value, Double.NaN, false, List.of());
        }
        sync.beforeBackward();
        l.backward();
        sync.averageGradients(model.parameters());
        model.gateBoundGradients();
        // without clipping, a threshold no norm reaches (libtorch converts it to float, so not Double.MAX_VALUE)
        double norm = clip_grad_norm_(model.parameters(), clipNorm > 0 ? clipNorm : 1e30);
        if (!Double.isFinite(norm)) {
            return new StepResult(value, norm, false, GradientMeasurement.currentGradients(model));
        }
        optimizer.step();
        return new StepResult(value, norm, true, List.of());
    }

    /** {@link #stepRateDistortion(float[], int, int, int, double, double, double, long, LossKind)} with MSE. */
    public StepResult stepRateDistortion(float[] batch, int n, int height, int width, double lr, double lambda,
                                         double clipNorm, long noiseSeed) {
        return stepRateDistortion(batch, n, height, width, lr, lambda, clipNorm, noiseSeed, LossKind.MSE);
    }

    /**
     * One rate–distortion step (Ballé et al. 2018): loss = λ·255²·MSE + bpp ({@code distortion} mse)
     * or λ·(1 − MS-SSIM) + bpp ({@code ms-ssim}, CompressAI's convention; MS-SSIM per image, averaged
     * over the batch), where bpp is −log2 of the entropy model's likelihood of the noisy latent (and,
     * with a hyperprior, of the noisy hyper-latent) per input pixel; then one step of
     * the auxiliary loss on the quantiles. The uniform noise is drawn from {@code noiseSeed}, so a
     * step is a pure function of the batch, the weights and that seed (and resume stays exact).
     */
    public StepResult stepRateDistortion(float[] batch, int n, int height, int width, double lr, double lambda,
                                         double clipNorm, long noiseSeed, LossKind distortion) {
        if (distortion != LossKind.MSE && distortion != LossKind.MS_SSIM) {
            throw new IllegalArgumentException("a rate–distortion step trains on mse or ms-ssim, not " + distortion.key());
        }
        Autoencoder model = runner.model();
        EntropyBottleneck eb = model.entropyBottleneck();
        model.train(true);
        try (MemoryScope s = new MemoryScope()) {
            OptimizerParamGroupVector groups = optimizer.param_groups();
            for (long i = 0; i < groups.size(); i++) groups.get(i).options().set_lr(lr);
            optimizer.zero_grad(true);
            auxOptimizer.zero_grad(true);
            Torch.seed(noiseSeed);
            Tensor x = trainingBatch(batch, n, height, width);
            Autoencoder.Quantized q = model.quantize(model.encoder().forward(x, sync.forwardHook()).latent(), sync.forwardHook());
            Tensor yHat = q.yHat();                                                                    // [B, M, H/16, W/16]
            Tensor bpp = q.bits().div(new Scalar((double) n * height * width));
            Tensor xHat = model.decoder().forward(yHat, List.of(), sync.forwardHook());
            Tensor mse = mse_loss(xHat, x);
            Tensor msSsim = distortion == LossKind.MS_SSIM ? Losses.msSsim(xHat, x) : null;
            Tensor l = msSsim == null
                    ? mse.mul(new Scalar(lambda * 255 * 255)).add(bpp)
                    : msSsim.neg().add(new Scalar(1.0)).mul(new Scalar(lambda)).add(bpp);
            double value = sync.averageLoss(l.item_double()); // every rank decides on the same value
            double bppValue = sync.averageLoss(bpp.item_double());
            double mseValue = sync.averageLoss(mse.item_double());
            double msSsimValue = msSsim == null ? Double.NaN : sync.averageLoss(msSsim.item_double());
            if (!Double.isFinite(value)) {
                return new StepResult(value, Double.NaN, false, List.of(), bppValue, mseValue, msSsimValue);
            }
            sync.beforeBackward();
            l.backward();
            sync.averageGradients(mainParameters(model));
            model.gateBoundGradients();
            double norm = clip_grad_norm_(mainParameters(model), clipNorm > 0 ? clipNorm : 1e30);
            if (!Double.isFinite(norm)) {
                return new StepResult(value, norm, false, GradientMeasurement.currentGradients(model), bppValue, mseValue, msSsimValue);
            }
            optimizer.step();
            eb.auxiliaryLoss().backward();
            auxOptimizer.step();
            return new StepResult(value, norm, true, List.of(), bppValue, mseValue, msSsimValue);
        }
    }

    /**
     * The entropy model's estimate of the rate, in bits per pixel, of coding {@code n} images with
     * rounding (eval mode): what a real file of them should cost, headers aside.
     */
    public double estimateBpp(float[] batch, int n, int height, int width) {
        Autoencoder model = runner.model();
        EntropyBottleneck eb = model.entropyBottleneck();
        if (eb == null) throw new IllegalStateException("the model has no entropy model");
        try (EvalMode e = EvalMode.enter(model); MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor x = trainingBatch(batch, n, height, width);
            Autoencoder.Quantized q = model.quantize(model.encoder().forward(x, ForwardObserver.NONE).latent(), ForwardObserver.NONE);
            return q.bits().item_double() / ((double) n * height * width);
        }
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
