package dev.hourglass.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named specs: the course's baseline and its variants with skips and residual blocks. */
public final class Presets {

    /** The "existing architecture": 1→64→128→256→64, k4 s2 p1, BatchNorm + LeakyReLU(0.2), Sigmoid. */
    public static final ModelSpec BASELINE = new ModelSpec(1, 256, List.of(64, 128, 256), 64, 4, 2, 1,
            Normalization.BATCH, Activation.LEAKY_RELU, 0.2, OutputActivation.SIGMOID, SkipMode.NONE, 0);

    private static final Map<String, ModelSpec> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("baseline", BASELINE);
        PRESETS.put("skips", BASELINE.withSkips(SkipMode.CONCAT));
        PRESETS.put("residual", BASELINE.withResidualBlocks(1));
        PRESETS.put("unet-residual", BASELINE.withSkips(SkipMode.CONCAT).withResidualBlocks(1));
    }

    private Presets() {
    }

    public static ModelSpec get(String name) {
        ModelSpec s = PRESETS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "': expected one of " + String.join(", ", names()));
        }
        return s;
    }

    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }
}
