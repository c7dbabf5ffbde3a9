package dev.hourglass.runtime;

import dev.hourglass.convmath.Shape;

/** A named parameter of a built model: PyTorch-style name, shape, element count, bytes, trainable flag. */
public record ParamInfo(String name, Shape shape, long numel, long bytes, boolean trainable) {

    /** The module path that owns the parameter: {@code encoder.stages.0.conv} for {@code ...conv.weight}. */
    public String modulePath() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }
}
