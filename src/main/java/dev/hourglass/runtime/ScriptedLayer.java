package dev.hourglass.runtime;

import dev.hourglass.convmath.Shape;

import java.util.List;
import java.util.Map;

/**
 * One module of a TorchScript model as the module itself describes it: its path (PyTorch's
 * {@code named_modules} name), its class (the last part of TorchScript's qualified name, without
 * {@code ___torch_mangle_N}), the attributes PyTorch's layers keep (each read with {@code attr}),
 * and its own parameters (not its children's) with their shapes.
 *
 * @param attributes  e.g. {@code in_channels=8}, {@code kernel_size=[4, 4]}, {@code eps=1.0E-5}; only those present
 * @param parameters  own parameter name (e.g. {@code weight}) to shape, in registration order
 * @param container   whether it has submodules
 */
public record ScriptedLayer(String path, String type, Map<String, List<Double>> attributes, Map<String, Shape> parameters,
                            long ownParameters, boolean container) {

    public ScriptedLayer {
        attributes = Map.copyOf(attributes);
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    /** The attribute's first value as an int, or {@code fallback} when the module has no such attribute. */
    public int intAttribute(String name, int fallback) {
        List<Double> v = attributes.get(name);
        return v == null || v.isEmpty() ? fallback : (int) Math.round(v.get(0));
    }

    /** Whether a two-valued attribute (kernel_size, stride, ...) differs between height and width. */
    public boolean asymmetric(String name) {
        List<Double> v = attributes.get(name);
        return v != null && v.size() == 2 && !v.get(0).equals(v.get(1));
    }
}
