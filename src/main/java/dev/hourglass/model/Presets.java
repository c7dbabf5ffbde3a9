package dev.hourglass.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named specs: the course's baseline and its variants with skips and residual blocks. */
public final class Presets {

    /** The "existing architecture": 1→64→128→256→64, k4 s2 p1, BatchNorm + LeakyReLU(0.2), Sigmoid. */
    public static final ModelSpec BASELINE = new ModelSpec(1, 256, List.of(64, 128, 256), 64, 4, 2, 1,
            Normalization.BATCH, Activation.LEAKY_RELU, 0.2, OutputActivation.SIGMOID, SkipMode.NONE, 0);

    /**
     * The learned codec of Ballé et al. 2018 (factorized prior), sized for a 2-core CPU and gray images:
     * four 5×5 stride-2 convolutions 1→64→64→64→96 with GDN, the mirror with IGDN, no output
     * activation (the codec clamps), and the entropy bottleneck on the 96-channel latent.
     */
    public static final ModelSpec FACTORIZED = new ModelSpec(1, 256, List.of(64, 64, 64), 96, 5, 2, 2,
            Normalization.GDN, Activation.NONE, 0.0, OutputActivation.NONE, SkipMode.NONE, 0, EntropyModelKind.FACTORIZED);

    private static final Map<String, ModelSpec> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("baseline", BASELINE);
        PRESETS.put("skips", BASELINE.withSkips(SkipMode.CONCAT));
        PRESETS.put("residual", BASELINE.withResidualBlocks(1));
        PRESETS.put("unet-residual", BASELINE.withSkips(SkipMode.CONCAT).withResidualBlocks(1));
        PRESETS.put("baseline-factorized", BASELINE.withEntropyModel(EntropyModelKind.FACTORIZED));
        PRESETS.put("factorized", FACTORIZED);
        PRESETS.put("hyperprior", FACTORIZED.withEntropyModel(EntropyModelKind.HYPERPRIOR));
        PRESETS.put("mean-scale", FACTORIZED.withEntropyModel(EntropyModelKind.MEAN_SCALE));
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
