package dev.hourglass.runtime;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Devices;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.TorchScriptException;
import dev.hourglass.backend.TorchScriptFiles;
import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.Shape;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.NamedJitModule;
import org.bytedeco.pytorch.NamedTensor;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.named_buffer_iterator;
import org.bytedeco.pytorch.named_buffer_list;
import org.bytedeco.pytorch.named_module_iterator;
import org.bytedeco.pytorch.named_module_list;
import org.bytedeco.pytorch.named_parameter_iterator;
import org.bytedeco.pytorch.named_parameter_list;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.isfinite;
import static org.bytedeco.pytorch.global.torch.rand;

/**
 * A TorchScript model loaded from a file, on a device, measured in plain Java values: its modules
 * with their attributes ({@link ScriptedLayer}), parameters and buffers, one forward pass walked
 * operation by operation ({@link #run}), and gradients ({@link ScriptedGradients}).
 *
 * <p>Native lifetime: the root module and one handle per submodule are created in {@link #load}
 * (outside any memory scope) and live as long as this object. Each measurement opens its own
 * {@code MemoryScope} for its tensors. Measurements switch the module's mode and restore it; one at
 * a time (libtorch's random generator is process-wide).
 *
 * <p>Loops over libtorch's module/parameter lists run {@code size()} times with {@code multiply()}
 * and {@code increment()}: comparing an iterator to {@code end()} crashed the JVM (notes §11).
 */
public final class ScriptedModel {

    private static final String[] ATTRIBUTES = {"in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation",
            "groups", "output_padding", "eps", "momentum", "negative_slope", "upscale_factor", "scale_factor", "in_features",
            "out_features", "num_features", "affine", "p"};

    private final JitModule root;
    private final Device device;
    private final String deviceName;
    private final String file;
    private final Map<String, JitModule> modules = new LinkedHashMap<>();
    private final Map<String, ScriptedLayer> layers = new LinkedHashMap<>();

    private ScriptedModel(JitModule root, Device device, String deviceName, String file) {
        this.root = root;
        this.device = device;
        this.deviceName = deviceName;
        this.file = file;
        named_module_list nm = root.named_modules();
        named_module_iterator it = nm.begin();
        for (long i = 0; i < nm.size(); i++, it.increment()) {
            NamedJitModule n = it.multiply();
            // value() points into the NamedJitModule, which JavaCPP frees with its wrapper: keep a copy
            // of the handle (the copy holds its own reference to the module), or forward() crashes later
            modules.put(n.name() == null ? "" : n.name().getString(), new JitModule(n.value()));
        }
        for (Map.Entry<String, JitModule> e : modules.entrySet()) layers.put(e.getKey(), describe(e.getKey(), e.getValue()));
    }

    /** Loads, moves to the device, and refuses a model whose parameters or buffers hold NaN or Inf. */
    public static ScriptedModel load(Path file, DeviceChoice choice) {
        JitModule m = TorchScriptFiles.load(file);
        Device d = Devices.resolve(choice);
        if (d.type() != DeviceType.CPU) m.to(d, ScalarType.Float);
        ScriptedModel model = new ScriptedModel(m, d, Devices.name(choice), file.getFileName().toString());
        model.requireFinite();
        return model;
    }

    private void requireFinite() {
        try (MemoryScope s = new MemoryScope()) {
            named_parameter_list np = root.named_parameters(true);
            named_parameter_iterator it = np.begin();
            for (long i = 0; i < np.size(); i++, it.increment()) requireFinite("parameter", it.multiply());
            named_buffer_list nb = root.named_buffers(true);
            named_buffer_iterator bt = nb.begin();
            for (long i = 0; i < nb.size(); i++, bt.increment()) requireFinite("buffer", bt.multiply());
        }
    }

    private void requireFinite(String what, NamedTensor n) {
        Tensor t = new Tensor(n.value()); // its own reference: value() points into the NamedTensor
        if (!t.is_floating_point()) return;
        long bad = t.numel() - isfinite(t).sum().item().toLong();
        if (bad > 0) {
            throw new TorchScriptException(file + ": " + what + " " + n.name().getString() + " " + new Shape(Tensors.shape(t)) + " holds "
                    + bad + " NaN or infinite value" + (bad == 1 ? "" : "s") + "; every figure of such a model would be meaningless");
        }
    }

    private ScriptedLayer describe(String path, JitModule m) {
        String q = m.type().name().get().qualifiedName().getString();
        String type = q.substring(q.lastIndexOf('.') + 1);
        Map<String, List<Double>> attrs = new LinkedHashMap<>();
        for (String a : ATTRIBUTES) {
            if (!m.hasattr(a)) continue;
            List<Double> v = numbers(m.attr(a));
            if (v != null) attrs.put(a, v);
        }
        if (m.hasattr("bias") && (type.startsWith("Conv") || type.equals("Linear"))) {
            attrs.put("bias", List.of(m.attr("bias").isTensor() ? 1.0 : 0.0));
        }
        Map<String, Shape> params = new LinkedHashMap<>();
        long own = 0;
        named_parameter_list np = m.named_parameters(false);
        named_parameter_iterator it = np.begin();
        for (long i = 0; i < np.size(); i++, it.increment()) {
            NamedTensor n = it.multiply();
            Tensor t = new Tensor(n.value());
            params.put(n.name().getString(), new Shape(Tensors.shape(t)));
            own += t.numel();
        }
        boolean container = m.named_children().size() > 0;
        return new ScriptedLayer(path, type, attrs, params, own, container);
    }

    /** Numbers of an int, float, bool, or tuple/list of ints; null for anything else (a string padding such as "same"). */
    private static List<Double> numbers(IValue v) {
        if (v.isInt()) return List.of((double) v.toInt());
        if (v.isDouble()) return List.of(v.toDouble());
        if (v.isBool()) return List.of(v.toBool() ? 1.0 : 0.0);
        if (v.isIntList()) {
            List<Double> out = new ArrayList<>();
            for (long x : v.toIntVector().get()) out.add((double) x);
            return out;
        }
        if (v.isTuple()) {
            var e = v.toTuple().elements();
            List<Double> out = new ArrayList<>();
            for (long i = 0; i < e.size(); i++) {
                List<Double> x = numbers(e.get(i));
                if (x == null) return null;
                out.addAll(x);
            }
            return out;
        }
        return null;
    }

    public String deviceName() {
        return deviceName;
    }

    /** The file name, for headings. */
    public String label() {
        return file;
    }

    /** Every module in {@code named_modules} order, the model itself first (path ""). */
    public List<ScriptedLayer> layers() {
        return List.copyOf(layers.values());
    }

    ScriptedLayer layer(String path) {
        ScriptedLayer l = layers.get(path);
        if (l == null) throw new IllegalStateException("no module " + path);
        return l;
    }

    boolean hasModule(String path) {
        return modules.containsKey(path);
    }

    JitModule module(String path) {
        return modules.get(path);
    }

    JitModule root() {
        return root;
    }

    Device device() {
        return device;
    }

    /** Direct submodules in registration order (the order a Sequential runs them). */
    List<String> children(String path) {
        String prefix = path.isEmpty() ? "" : path + ".";
        return modules.keySet().stream().filter(k -> !k.equals(path) && k.startsWith(prefix) && !k.substring(prefix.length()).contains(".")).toList();
    }

    List<String> descendants(String path) {
        String prefix = path.isEmpty() ? "" : path + ".";
        return modules.keySet().stream().filter(k -> !k.equals(path) && k.startsWith(prefix)).toList();
    }

    /** Every named parameter: name, shape, numel, bytes, requires_grad. */
    public List<ParamInfo> parameters() {
        List<ParamInfo> out = new ArrayList<>();
        try (MemoryScope s = new MemoryScope()) {
            named_parameter_list np = root.named_parameters(true);
            named_parameter_iterator it = np.begin();
            for (long i = 0; i < np.size(); i++, it.increment()) {
                NamedTensor n = it.multiply();
                Tensor t = new Tensor(n.value());
                out.add(new ParamInfo(n.name().getString(), new Shape(Tensors.shape(t)), t.numel(), t.numel() * t.element_size(), t.requires_grad()));
            }
        }
        return out;
    }

    /** {count of buffer tensors, their elements} (BatchNorm's running statistics and batch counters). */
    public long[] buffers() {
        long[] out = new long[2];
        try (MemoryScope s = new MemoryScope()) {
            named_buffer_list nb = root.named_buffers(true);
            named_buffer_iterator it = nb.begin();
            for (long i = 0; i < nb.size(); i++, it.increment()) {
                out[0]++;
                NamedTensor n = it.multiply();
                out[1] += n.value().numel();
            }
        }
        return out;
    }

    /** One forward pass in eval mode on a seeded uniform [0, 1) input, walked operation by operation. */
    public ScriptedRun run(Shape input, long seed) {
        return ScriptedForward.run(this, input, seed);
    }

    /** The seeded uniform [0, 1) probe input on this model's device, a leaf that records its gradient if asked; call inside a memory scope. */
    Tensor probe(Shape input, long seed, boolean requiresGrad) {
        Torch.seed(seed);
        Tensor x = rand(input.dims()).to(device, ScalarType.Float);
        return requiresGrad ? x.set_requires_grad(true) : x;
    }

    /** The forward of the module at {@code path} ("" for the model) on the probe {@code x}; a libtorch failure is bad input naming it. */
    IValue forwardOnProbe(String path, Tensor x, Shape input) {
        IValueVector args = new IValueVector();
        args.push_back(new IValue(x));
        try {
            return modules.get(path).forward(args);
        } catch (RuntimeException e) {
            throw probeFailure(input, path, e);
        }
    }

    /**
     * The reconstruction a forward returned; refuses (bad input, not a bug) anything but one tensor,
     * such as a VAE's {@code (recon, mu, logvar)} tuple.
     */
    Tensor reconstruction(IValue out) {
        if (!out.isTensor()) {
            throw new TorchScriptException(file + ": forward returned a " + out.tagKind().getString()
                    + " but an autoencoder returns one tensor, the reconstruction (for a VAE's (recon, mu, logvar),"
                    + " script a wrapper whose forward returns recon)");
        }
        return out.toTensor();
    }

    /** A libtorch failure on the probe, as one line naming the module where it happened. */
    TorchScriptException probeFailure(Shape input, String where, RuntimeException e) {
        return new TorchScriptException(file + " fails on the probe input " + input + (where == null || where.isEmpty() ? "" : " at `" + where + "`")
                + ": libtorch says: " + TorchScriptFiles.reason(e) + " (set the probe with --input NxCxHxW)");
    }
}
