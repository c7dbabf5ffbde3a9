package dev.hourglass.inspect;

import dev.hourglass.convmath.ConvKind;
import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.ElementwiseCost;
import dev.hourglass.runtime.ScriptedLayer;

/**
 * What convmath knows of a TorchScript module from its attributes alone: the {@link ConvLayer} a
 * Conv2d or ConvTranspose2d is, its parameter count, and the per-element cost of elementwise layers.
 * Null wherever convmath has no formula (non-square kernels, string paddings, unknown classes).
 */
final class ScriptedLayers {

    private ScriptedLayers() {
    }

    static boolean isConv(String type) {
        return type.equals("Conv2d") || type.equals("ConvTranspose2d");
    }

    /** The convolution this module is, or null when its attributes are not ones convmath's square-kernel formulas take. */
    static ConvLayer conv(ScriptedLayer l) {
        if (!isConv(l.type())) return null;
        for (String a : new String[]{"kernel_size", "stride", "padding", "dilation", "output_padding"}) {
            if (l.asymmetric(a)) return null;
        }
        if (!l.attributes().containsKey("padding") || !l.attributes().containsKey("kernel_size")) return null;
        try {
            return new ConvLayer(l.type().equals("Conv2d") ? ConvKind.CONV : ConvKind.TRANSPOSED, l.intAttribute("in_channels", 0),
                    l.intAttribute("out_channels", 0), l.intAttribute("kernel_size", 0), l.intAttribute("stride", 1),
                    l.intAttribute("padding", 0), l.intAttribute("dilation", 1), l.intAttribute("groups", 1),
                    l.intAttribute("bias", 1) == 1, l.type().equals("Conv2d") ? 0 : l.intAttribute("output_padding", 0));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** convmath's parameter count of a module's own parameters, or null when it has no formula for the class. */
    static Long parameters(ScriptedLayer l) {
        if (isConv(l.type())) {
            ConvLayer c = conv(l);
            return c == null ? null : c.parameters();
        }
        if (l.type().startsWith("BatchNorm")) {
            return l.intAttribute("affine", 1) == 1 ? 2L * l.intAttribute("num_features", 0) : 0L;
        }
        if (l.type().equals("Linear")) {
            long in = l.intAttribute("in_features", 0);
            long out = l.intAttribute("out_features", 0);
            return in * out + (l.intAttribute("bias", 1) == 1 ? out : 0);
        }
        return l.ownParameters() == 0 ? 0L : null;
    }

    /** Cost per output element of an elementwise type, or null when hourglass has no convention for it. */
    static ElementwiseCost cost(String type) {
        return switch (type) {
            case "BatchNorm2d" -> ElementwiseCost.BATCH_NORM;
            case "LeakyReLU" -> ElementwiseCost.LEAKY_RELU;
            case "ReLU" -> ElementwiseCost.RELU;
            case "Sigmoid" -> ElementwiseCost.SIGMOID;
            case "add" -> ElementwiseCost.ADD;
            case "cat" -> ElementwiseCost.CONCAT;
            case "Identity", "Dropout", "Dropout2d" -> ElementwiseCost.IDENTITY;
            default -> null;
        };
    }

    /** Types that act on each pixel on its own, so a pixel's receptive field passes through them unchanged. */
    static boolean pointwise(String type) {
        return cost(type) != null || type.equals("Tanh") || type.equals("GELU") || type.equals("ELU") || type.equals("SiLU")
                || type.equals("PReLU") || type.equals("Softplus") || type.equals("Hardtanh") || type.equals("InstanceNorm2d")
                || type.equals("GroupNorm");
    }
}
