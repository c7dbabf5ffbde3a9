package dev.hourglass.model;

import dev.hourglass.backend.BackendException;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Devices;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.Shape;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.rand;

/**
 * A built model on a device, and the measurements that need libtorch, returned as Java values so
 * that the inspector never holds a tensor. Every measurement leaves the model as it found it:
 * training mode, gradients and BatchNorm statistics are restored in {@code finally}.
 */
public final class Probe {

    private final Autoencoder model;
    private final Device device;
    private final String deviceName;
    private byte[] fingerprint; // computed on first use: hashing every weight costs ~20 ms for the baseline

    private Probe(Autoencoder model, Device device, String deviceName) {
        this.model = model;
        this.device = device;
        this.deviceName = deviceName;
    }

    /** Builds {@code spec} with libtorch's default initialisation, seeded, on the chosen device. */
    public static Probe build(ModelSpec spec, DeviceChoice choice, long seed) {
        Torch.load();
        Torch.seed(seed);
        Autoencoder m = new Autoencoder(spec);
        Device d = Devices.resolve(choice);
        m.to(d, false);
        return new Probe(m, d, Devices.name(choice));
    }

    /** Builds another model of the family on this probe's device. */
    public Probe sibling(ModelSpec spec, long seed) {
        Torch.seed(seed);
        Autoencoder m = new Autoencoder(spec);
        m.to(device, false);
        return new Probe(m, device, deviceName);
    }

    /** Wraps an existing model (e.g. one loaded from a checkpoint), moving it to the chosen device. */
    public static Probe of(Autoencoder model, DeviceChoice choice) {
        Device d = Devices.resolve(choice);
        model.to(d, false);
        return new Probe(model, d, Devices.name(choice));
    }

    /**
     * A copy of this model built from {@code variant} (which must have the same parameters, e.g. a
     * different output activation) with this model's weights and buffers, on the same device.
     */
    public Probe twin(ModelSpec variant) {
        Autoencoder copy = new Autoencoder(variant);
        copy.to(device, false);
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            copyAll(model.named_parameters(), copy.named_parameters());
            copyAll(model.named_buffers(), copy.named_buffers());
        }
        copy.train(model.is_training());
        return new Probe(copy, device, deviceName);
    }

    private static void copyAll(StringTensorDict from, StringTensorDict to) {
        if (from.size() != to.size()) {
            throw new IllegalArgumentException("the variant has " + to.size() + " tensors but the model has " + from.size());
        }
        for (long i = 0; i < from.size(); i++) {
            String name = from.get(i).key().getString();
            if (!name.equals(to.get(i).key().getString())) {
                throw new IllegalArgumentException("expected tensor " + name + " but found " + to.get(i).key().getString());
            }
            to.get(i).value().copy_(from.get(i).value());
        }
    }

    /** Reconstructions of {@code n} images in eval mode, row-major [n, C, height, width]. */
    public float[] reconstruct(float[] batch, int n, int height, int width) {
        return Training.reconstruct(model, device, batch, n, height, width);
    }

    /** Encodes one image (row-major height × width, one channel per spec) in eval mode. */
    public LatentCode encode(float[] image, int height, int width) {
        boolean was = model.is_training();
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            model.eval();
            Tensor x = Tensors.fromFloats(image, 1, spec().inputChannels(), height, width).to(device, ScalarType.Float);
            EncoderOutput e = model.encoder().forward(x, ForwardObserver.NONE);
            List<float[]> skips = new ArrayList<>();
            List<long[]> shapes = new ArrayList<>();
            for (Tensor t : e.skips()) {
                skips.add(Tensors.toFloats(t));
                shapes.add(java.util.Arrays.copyOfRange(Tensors.shape(t), 1, 4));
            }
            return new LatentCode(Tensors.toFloats(e.latent()), java.util.Arrays.copyOfRange(Tensors.shape(e.latent()), 1, 4), skips, shapes);
        } finally {
            model.train(was);
        }
    }

    /** Decodes a latent (and skips, for a model that has them) in eval mode; returns the image row-major. */
    public float[] decode(LatentCode code) {
        boolean was = model.is_training();
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            model.eval();
            Tensor z = Tensors.fromFloats(code.latent(), batched(code.latentShape())).to(device, ScalarType.Float);
            List<Tensor> skips = new ArrayList<>();
            for (int i = 0; i < code.skips().size(); i++) {
                skips.add(Tensors.fromFloats(code.skips().get(i), batched(code.skipShapes().get(i))).to(device, ScalarType.Float));
            }
            return Tensors.toFloats(model.decoder().forward(z, skips, ForwardObserver.NONE));
        } finally {
            model.train(was);
        }
    }

    private static long[] batched(long[] chw) {
        return new long[]{1, chw[0], chw[1], chw[2]};
    }

    /**
     * 16 bytes identifying this model: SHA-256 over the spec JSON and every parameter and buffer
     * (names and float32 values in order), truncated. Two models decode a file identically only
     * if this matches. Computed once: a probe's measurements restore its weights, and eval calls
     * this for every file it writes and reads.
     */
    public synchronized byte[] fingerprint() {
        if (fingerprint == null) fingerprint = computeFingerprint();
        return fingerprint.clone();
    }

    private byte[] computeFingerprint() {
        try (MemoryScope s = new MemoryScope()) {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(SpecFiles.toJson(spec()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (StringTensorDict d : List.of(model.named_parameters(), model.named_buffers())) {
                for (long i = 0; i < d.size(); i++) {
                    sha.update(d.get(i).key().getString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    float[] v = Tensors.toFloats(d.get(i).value());
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 4);
                    b.asFloatBuffer().put(v);
                    sha.update(b.array());
                }
            }
            return java.util.Arrays.copyOf(sha.digest(), 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public Autoencoder model() {
        return model;
    }

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
        boolean wasTraining = model.is_training();
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            model.eval();
            Torch.seed(seed);
            Tensor x = rand(input.dims()).to(device, ScalarType.Float);
            EncoderOutput e = model.encoder().forward(x, ops::add);
            Tensor y = model.decoder().forward(e.latent(), e.skips(), ops::add);
            List<Shape> skips = new ArrayList<>();
            for (Tensor t : e.skips()) skips.add(new Shape(Tensors.shape(t)));
            return new ForwardResult(input, new Shape(Tensors.shape(e.latent())), skips, new Shape(Tensors.shape(y)),
                    y.min().item_double(), y.max().item_double(), y.mean().item_double(), ops);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) throw e;
            throw new BackendException("forward pass failed: " + BackendException.firstLine(e), e);
        } finally {
            model.train(wasTraining);
        }
    }
}
