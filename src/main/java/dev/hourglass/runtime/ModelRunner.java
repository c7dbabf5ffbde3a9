package dev.hourglass.runtime;

import dev.hourglass.backend.BackendException;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Devices;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.EncoderOutput;
import dev.hourglass.model.ForwardObserver;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.OpRecord;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.rand;

/**
 * A built model on a device, and the measurements that need libtorch, returned as Java values so
 * that the inspector never holds a tensor. Every measurement leaves the model as it found it:
 * training mode, gradients and BatchNorm statistics are restored in {@code finally}.
 *
 * <p><b>One measurement at a time.</b> Measurements change global state while they run: they
 * reseed libtorch's process-wide random generator ({@code Torch.seed}) to draw their inputs, and
 * switch the model between training and eval mode (and back). Two measurements at once, on one
 * model or on two models from two threads, draw each other's random numbers and see each other's
 * modes, so their results are wrong. This class and the measurement classes of this package are
 * not thread-safe; run them one after another.
 */
public final class ModelRunner implements EncoderDecoder {

    private final Autoencoder model;
    private final Device device;
    private final String deviceName;
    private byte[] fingerprint; // hashing every weight costs ~20 ms for the baseline, so it is cached ...
    private long[] fingerprintOf; // ... with the weights' state it was computed from (see weightState)
    // The copy inference runs (InferenceCopy: BatchNorm folded in, channels-last). Owned by this runner: made by
    // inferenceModel outside any scope, used only inside this runner's synchronized inference methods (so never while
    // being replaced), released (InferenceCopy.release) when it is replaced; otherwise it lives as long as the runner.
    private Autoencoder inferenceCopy;
    private long[] inferenceCopyOf; // the weights' state it was built from (see weightState)

    private ModelRunner(Autoencoder model, Device device, String deviceName) {
        this.model = model;
        this.device = device;
        this.deviceName = deviceName;
    }

    /**
     * Builds {@code spec} with libtorch's default initialisation, seeded, on the chosen device: the
     * one place where a model is seeded, built and moved.
     */
    public static ModelRunner build(ModelSpec spec, DeviceChoice choice, long seed) {
        MemoryBudget.require(MemoryBudget.parameters(spec, MemoryBudget.Mode.INFERENCE), "building the model");
        Torch.load();
        Torch.seed(seed);
        return of(new Autoencoder(spec), choice);
    }

    /** Builds another model of the family on this runner's device. */
    public ModelRunner sibling(ModelSpec spec, long seed) {
        Torch.seed(seed);
        return onDevice(new Autoencoder(spec));
    }

    /** Wraps an existing model (e.g. one loaded from a checkpoint), moving it to the chosen device. */
    public static ModelRunner of(Autoencoder model, DeviceChoice choice) {
        Device d = Devices.resolve(choice);
        model.to(d, false);
        return new ModelRunner(model, d, Devices.name(choice));
    }

    private ModelRunner onDevice(Autoencoder m) {
        m.to(device, false);
        return new ModelRunner(m, device, deviceName);
    }

    /**
     * A copy of this model built from {@code variant} (which must have the same parameters, e.g. a
     * different output activation) with this model's weights and buffers, on the same device.
     */
    public ModelRunner twin(ModelSpec variant) {
        ModelRunner twin = onDevice(new Autoencoder(variant));
        Autoencoder copy = twin.model;
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            copyAll(model.named_parameters(), copy.named_parameters());
            copyAll(model.named_buffers(), copy.named_buffers());
        }
        copy.train(model.is_training());
        return twin;
    }

    /** Copies every tensor of {@code from} into the tensor of the same name and position in {@code to}. */
    static void copyAll(StringTensorDict from, StringTensorDict to) {
        if (from.size() != to.size()) {
            throw new IllegalStateException("the copy has " + to.size() + " tensors but the model has " + from.size());
        }
        for (long i = 0; i < from.size(); i++) {
            String name = from.get(i).key().getString();
            if (!name.equals(to.get(i).key().getString())) {
                throw new IllegalStateException("expected tensor " + name + " but found " + to.get(i).key().getString());
            }
            to.get(i).value().copy_(from.get(i).value());
        }
    }

    /** Reconstructions of {@code n} images in eval mode (BatchNorm running statistics), row-major [n, C, height, width]. */
    public synchronized float[] reconstruct(float[] batch, int n, int height, int width) {
        MemoryBudget.require(spec(), Shape.of(n, spec().inputChannels(), height, width), MemoryBudget.Mode.INFERENCE,
                "reconstructing " + n + " image(s) of " + width + "×" + height);
        Autoencoder m = inferenceModel();
        try (EvalMode e = EvalMode.enter(m); MemoryScope s = new MemoryScope(); InferenceMode g = new InferenceMode()) {
            return Tensors.toFloats(m.forward(ChannelsLast.input(input(batch, n, height, width))));
        }
    }

    @Override
    public synchronized LatentCode encode(float[] image, int height, int width) {
        MemoryBudget.require(spec(), Shape.of(1, spec().inputChannels(), height, width), MemoryBudget.Mode.INFERENCE,
                "encoding an image of " + width + "×" + height);
        Autoencoder inference = inferenceModel();
        try (EvalMode m = EvalMode.enter(inference); MemoryScope s = new MemoryScope(); InferenceMode g = new InferenceMode()) {
            EncoderOutput e = inference.encoder().forward(ChannelsLast.input(input(image, 1, height, width)), ForwardObserver.NONE);
            List<float[]> skips = new ArrayList<>();
            List<long[]> shapes = new ArrayList<>();
            for (Tensor t : e.skips()) {
                skips.add(Tensors.toFloats(t));
                shapes.add(Arrays.copyOfRange(Tensors.shape(t), 1, 4));
            }
            return new LatentCode(Tensors.toFloats(e.latent()), Arrays.copyOfRange(Tensors.shape(e.latent()), 1, 4), skips, shapes);
        }
    }

    @Override
    public synchronized float[] decode(LatentCode code) {
        int f = spec().downsampling(); // estimated as the whole network at the image size the latent stands for
        MemoryBudget.require(spec(), Shape.of(1, spec().inputChannels(), code.latentShape()[1] * f, code.latentShape()[2] * f),
                MemoryBudget.Mode.INFERENCE, "decoding an image of " + code.latentShape()[2] * f + "×" + code.latentShape()[1] * f);
        Autoencoder inference = inferenceModel();
        try (EvalMode m = EvalMode.enter(inference); MemoryScope s = new MemoryScope(); InferenceMode g = new InferenceMode()) {
            Tensor z = ChannelsLast.input(Tensors.fromFloats(code.latent(), batched(code.latentShape())).to(device, ScalarType.Float));
            List<Tensor> skips = new ArrayList<>();
            for (int i = 0; i < code.skips().size(); i++) {
                skips.add(ChannelsLast.input(Tensors.fromFloats(code.skips().get(i), batched(code.skipShapes().get(i))).to(device, ScalarType.Float)));
            }
            return Tensors.toFloats(inference.decoder().forward(z, skips, ForwardObserver.NONE));
        }
    }

    @Override
    public synchronized float[] hyperAnalyse(float[] latent, int channels, int height, int width) {
        try (EvalMode m = EvalMode.enter(model); MemoryScope s = new MemoryScope(); InferenceMode g = new InferenceMode()) {
            Tensor y = Tensors.fromFloats(latent, 1, channels, height, width).to(device, ScalarType.Float);
            return Tensors.toFloats(model.hyperAnalyse(y));
        }
    }

    @Override
    public synchronized HyperSynthesisWeights hyperSynthesis() {
        dev.hourglass.model.HyperPrior h = model.hyperPrior();
        if (h == null) return null;
        List<float[]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        try (MemoryScope s = new MemoryScope()) {
            for (int i = 0; i < h.synthesisLayers().size(); i++) {
                weights.add(Tensors.toFloats(h.synthesisWeight(i)));
                biases.add(Tensors.toFloats(h.synthesisBias(i)));
            }
        }
        return new HyperSynthesisWeights(h.synthesisLayers(), weights, biases, h.meanScale(), spec().latentChannels());
    }

    /** {@code n} images of height × width as a tensor on this model's device, for {@code runtime} and {@code train}; call inside a memory scope. */
    public Tensor input(float[] pixels, int n, int height, int width) {
        return Tensors.fromFloats(pixels, n, spec().inputChannels(), height, width).to(device, ScalarType.Float);
    }

    private static long[] batched(long[] chw) {
        return new long[]{1, chw[0], chw[1], chw[2]};
    }

    @Override
    public synchronized dev.hourglass.model.FrozenTables entropyTables() {
        return model.entropyBottleneck() == null ? null : model.entropyBottleneck().frozen().read();
    }

    /**
     * See {@link ModelFingerprint}. Cached, because eval calls this for every file it writes and
     * reads; the cache is recomputed whenever a parameter or buffer has changed since, in place
     * (training steps, {@code copy_}, loading) or by pointing at new data (see {@link #weightState}),
     * including changes made through {@link #model()}. Writes through a raw data pointer
     * ({@code data_ptr_float().put}) bypass libtorch's version counters and are not seen.
     */
    @Override
    public synchronized byte[] fingerprint() {
        long[] now = weightState();
        if (fingerprint == null || !Arrays.equals(now, fingerprintOf)) {
            fingerprint = ModelFingerprint.of(model);
            fingerprintOf = now;
        }
        return fingerprint.clone();
    }

    /**
     * For every parameter and buffer, in order: the address of its data and its version counter,
     * which libtorch increments on every in-place change (optimiser steps and {@code copy_} under
     * no-grad included). Reading them costs microseconds, not a hash of every weight.
     */
    private long[] weightState() {
        try (MemoryScope s = new MemoryScope()) {
            List<StringTensorDict> dicts = List.of(model.named_parameters(), model.named_buffers());
            long n = 0;
            for (StringTensorDict d : dicts) n += d.size();
            long[] state = new long[Math.toIntExact(2 * n)];
            int k = 0;
            for (StringTensorDict d : dicts) {
                for (long i = 0; i < d.size(); i++) {
                    Tensor t = d.get(i).value();
                    state[k++] = t.data_ptr().address();
                    state[k++] = t._version();
                }
            }
            return state;
        }
    }

    /**
     * The libtorch model itself, for {@code runtime} and {@code train}. Changing its weights through
     * it is seen by {@link #fingerprint()}; keep to one measurement at a time (see the class comment).
     */
    public Autoencoder model() {
        return model;
    }

    @Override
    public ModelSpec spec() {
        return model.spec();
    }

    public String deviceName() {
        return deviceName;
    }

    public Device device() {
        return device;
    }

    /** Named parameters in registration order. */
    public List<ParamInfo> parameters() {
        List<ParamInfo> out = new ArrayList<>();
        try (MemoryScope s = new MemoryScope()) {
            StringTensorDict np = model.named_parameters();
            for (long i = 0; i < np.size(); i++) {
                Tensor t = np.get(i).value();
                out.add(new ParamInfo(np.get(i).key().getString(), new Shape(Tensors.shape(t)), t.numel(),
                        t.numel() * t.element_size(), t.requires_grad()));
            }
        }
        return out;
    }

    public long parameterCount() {
        return parameters().stream().mapToLong(ParamInfo::numel).sum();
    }

    /**
     * Runs one forward pass on a uniform random input in [0,1) of shape {@code input}, in eval mode
     * without autograd, recording every operation.
     */
    public ForwardResult forward(Shape input, long seed) {
        return forward(input, seed, new ArrayList<>());
    }

    /** As {@link #forward(Shape, long)}, recording into {@code ops}, which keeps what ran even when a later operation fails. */
    public ForwardResult forward(Shape input, long seed, List<OpRecord> ops) {
        MemoryBudget.require(spec(), input, MemoryBudget.Mode.INFERENCE, "a forward pass of an input " + input);
        try (EvalMode m = EvalMode.enter(model); MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            Torch.seed(seed);
            Tensor x = rand(input.dims()).to(device, ScalarType.Float);
            EncoderOutput e = model.encoder().forward(x, ops::add);
            Tensor y = model.decoder().forward(model.bottleneck(e.latent(), ops::add), e.skips(), ops::add);
            List<Shape> skips = new ArrayList<>();
            for (Tensor t : e.skips()) skips.add(new Shape(Tensors.shape(t)));
            return new ForwardResult(input, new Shape(Tensors.shape(e.latent())), skips, new Shape(Tensors.shape(y)),
                    y.min().item_double(), y.max().item_double(), y.mean().item_double(), ops);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) throw e;
            throw new BackendException("forward pass failed: " + BackendException.firstLine(e), e);
        }
    }

    /**
     * A uniform random batch in [0,1) of {@code n} images at the spec's size, on this model's
     * device, kept there across runs (created outside any memory scope).
     */
    public ResidentBatch randomBatch(int n) {
        MemoryScope.requireNone("a resident batch");
        return new ResidentBatch(rand(n, spec().inputChannels(), spec().imageSize(), spec().imageSize()).to(device, ScalarType.Float), n);
    }

    /**
     * One eval-mode forward pass as inference runs it (BatchNorm folded, {@code InferenceMode});
     * returns the output's sum, read back so that the work is finished.
     */
    public synchronized double forwardSum(ResidentBatch x) {
        Autoencoder m = inferenceModel();
        try (EvalMode e = EvalMode.enter(m); MemoryScope s = new MemoryScope(); InferenceMode g = new InferenceMode()) {
            return m.forward(ChannelsLast.input(x.tensor())).sum().item_double();
        }
    }

    /**
     * As {@link #forwardSum} the way inference ran before the inference copy (BatchNorm folding and
     * channels-last): the model itself, under {@code NoGradGuard}, in its weights' own layout (NCHW for
     * a freshly built model, as {@code bench} builds it; channels-last once it has trained).
     */
    public double forwardSumUnfolded(ResidentBatch x) {
        try (EvalMode e = EvalMode.enter(model); MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            return model.forward(x.tensor()).sum().item_double();
        }
    }

    /**
     * The model that eval-mode inference ({@link #reconstruct}, {@link #encode}, {@link #decode},
     * {@link #forwardSum}) runs: an {@link InferenceCopy} (BatchNorm folded into the convolutions,
     * weights channels-last), rebuilt whenever a parameter or buffer has changed since (the same
     * test as {@link #fingerprint()}). When the caller has a memory scope open, the copy cannot be
     * made (the scope would free it) and the model itself runs. Inspections that list operations
     * ({@link #forward(Shape, long)}) always run the model itself. A caller uses the returned copy
     * only while holding this runner's lock (the inference methods are {@code synchronized}): the
     * next call may release it.
     */
    synchronized Autoencoder inferenceModel() {
        if (PointerScope.getInnerScope() != null) return model;
        long[] now = weightState();
        if (inferenceCopy == null || !Arrays.equals(now, inferenceCopyOf)) {
            Autoencoder replaced = inferenceCopy;
            inferenceCopy = InferenceCopy.of(model, device);
            inferenceCopyOf = now;
            // no caller still runs it: every user holds this runner's lock for the whole call
            if (replaced != null) InferenceCopy.release(replaced);
        }
        return inferenceCopy;
    }
}
