package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.Normalization;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringSharedModuleDict;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.HashMap;
import java.util.Map;

/**
 * BatchNorm folded into the convolution in front of it, for eval-mode inference. In eval mode
 * BatchNorm is the per-channel affine map {@code y = γ·(x − μ)/√(σ² + ε) + β} with its running
 * statistics, so with {@code s = γ/√(σ² + ε)} a convolution {@code W, b} followed by it equals one
 * convolution with {@code W·s} (per output channel) and bias {@code (b − μ)·s + β}. The folded model
 * is the same spec without normalisation ({@code withNorm(NONE)}: the same convolutions, with
 * biases, and no BatchNorm layers), so its parameters keep the original's names. Only for eval
 * mode: in training mode BatchNorm normalises with the batch's own statistics.
 */
final class BatchNormFolding {

    private BatchNormFolding() {
    }

    /** Whether {@code model} has BatchNorm layers to fold. */
    static boolean applies(Autoencoder model) {
        return model.spec().norm() == Normalization.BATCH;
    }

    /**
     * A new model, on {@code device}, computing what {@code model} computes in eval mode, with every
     * BatchNorm folded into its convolution. Owned by the caller; create it outside any memory scope
     * (the constructor of {@link Autoencoder} checks). Every other parameter and buffer (e.g. an
     * entropy model's) is copied by name.
     */
    static Autoencoder fold(Autoencoder model, Device device) {
        if (!applies(model)) throw new IllegalArgumentException("the model has no BatchNorm to fold");
        Autoencoder folded = new Autoencoder(model.spec().withNorm(Normalization.NONE));
        try {
            copyFolded(model, folded, device);
        } catch (RuntimeException e) {
            release(folded); // not handed to anyone yet: ours to free
            throw e;
        }
        return folded;
    }

    /**
     * Frees a folded copy's native memory now instead of whenever the garbage collector finds its
     * wrappers: every parameter and buffer is emptied ({@code set_()} drops the storage for every
     * handle to the tensor, including those the modules' Java objects keep), then the root module is
     * closed. The copy must not be used afterwards; only its owner calls this.
     */
    static void release(Autoencoder folded) {
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            empty(folded.named_parameters());
            empty(folded.named_buffers());
        }
        folded.close();
    }

    private static void empty(StringTensorDict dict) {
        for (long i = 0; i < dict.size(); i++) dict.get(i).value().set_();
    }

    private static void copyFolded(Autoencoder model, Autoencoder folded, Device device) {
        folded.to(device, false);
        folded.eval();
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            Map<String, Tensor> source = tensors(model.named_parameters());
            source.putAll(tensors(model.named_buffers()));
            Map<String, Tensor> target = tensors(folded.named_parameters());
            target.putAll(tensors(folded.named_buffers()));
            Map<String, Boolean> transposed = convolutions(model);
            for (Map.Entry<String, Tensor> e : target.entrySet()) {
                String name = e.getKey();
                String layer = name.substring(0, name.lastIndexOf('.'));
                String bn = batchNormAfter(layer);
                if (bn != null && source.containsKey(bn + ".running_mean")) {
                    e.getValue().copy_(foldedTensor(name, layer, bn, source, transposed.get(layer), model));
                } else {
                    Tensor from = source.get(name);
                    if (from == null) throw new IllegalStateException("the folded model has " + name + " but the model has not");
                    e.getValue().copy_(from);
                }
            }
        }
    }

    /** The BatchNorm that follows convolution {@code layer} (".conv" → ".bn", ".conv1" → ".bn1"), or null. */
    private static String batchNormAfter(String layer) {
        int dot = layer.lastIndexOf('.');
        String last = layer.substring(dot + 1);
        return last.startsWith("conv") ? layer.substring(0, dot + 1) + "bn" + last.substring(4) : null;
    }

    /** W·s or (b − μ)·s + β, computed in float64 and stored as float32. */
    private static Tensor foldedTensor(String name, String layer, String bn, Map<String, Tensor> source, Boolean transposed,
                                       Autoencoder model) {
        if (transposed == null) throw new IllegalStateException(layer + " is followed by " + bn + " but is not a convolution");
        double eps = batchNorm(model, bn).options().eps().get();
        Tensor scale = d(source.get(bn + ".weight")).div(d(source.get(bn + ".running_var")).add(new Scalar(eps)).sqrt());
        Tensor out;
        if (name.endsWith(".weight")) {
            // Conv2d weight is [out, in, kH, kW]; ConvTranspose2d's is [in, out, kH, kW] (groups 1 in every preset)
            out = d(source.get(name)).mul(transposed ? scale.view(1, -1, 1, 1) : scale.view(-1, 1, 1, 1));
        } else {
            out = d(source.get(name)).sub(d(source.get(bn + ".running_mean"))).mul(scale).add(d(source.get(bn + ".bias")));
        }
        return out.to(ScalarType.Float);
    }

    private static Tensor d(Tensor t) {
        if (t == null) throw new IllegalStateException("a BatchNorm or convolution tensor is missing");
        return t.to(ScalarType.Double);
    }

    private static BatchNorm2dImpl batchNorm(Autoencoder model, String name) {
        BatchNorm2dImpl bn = model.named_modules().get(name).asBatchNorm2d();
        if (bn == null) throw new IllegalStateException(name + " is not a BatchNorm2d");
        if (!bn.options().affine().get() || !bn.options().track_running_stats().get()) {
            throw new IllegalStateException(name + " has no affine parameters or running statistics to fold");
        }
        return bn;
    }

    /** Every convolution of {@code model} by name: true for a transposed one. */
    private static Map<String, Boolean> convolutions(Module model) {
        Map<String, Boolean> out = new HashMap<>();
        StringSharedModuleDict nm = model.named_modules();
        for (long i = 0; i < nm.size(); i++) {
            if (nm.get(i).key() == null) continue; // the root
            Module m = nm.get(i).value();
            String name = nm.get(i).key().getString();
            long groups = m.asConv2d() != null ? m.asConv2d().options().groups().get()
                    : m.asConvTranspose2d() != null ? m.asConvTranspose2d().options().groups().get() : 0;
            if (groups > 1) throw new IllegalStateException(name + " has groups " + groups + ": folding handles groups 1 only");
            if (m.asConv2d() != null) out.put(name, false);
            else if (m.asConvTranspose2d() != null) out.put(name, true);
        }
        return out;
    }

    private static Map<String, Tensor> tensors(StringTensorDict dict) {
        Map<String, Tensor> out = new HashMap<>();
        for (long i = 0; i < dict.size(); i++) out.put(dict.get(i).key().getString(), dict.get(i).value());
        return out;
    }
}
