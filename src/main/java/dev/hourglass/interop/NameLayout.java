package dev.hourglass.interop;

import dev.hourglass.model.Activation;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Normalization;
import dev.hourglass.model.OutputActivation;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a PyTorch model names our tensors. Two layouts, chosen explicitly or detected by which one
 * names every tensor of the file:
 * <ul>
 *   <li>{@code hourglass}: our own names, which are also what the generated {@code model.py}'s
 *   {@code state_dict()} gives: {@code encoder.stages.0.conv.weight}, {@code encoder.stages.0.bn.running_mean},
 *   {@code decoder.stages.1.igdn.gamma}, {@code entropy_bottleneck.matrix0}.</li>
 *   <li>{@code sequential}: the course's model, {@code self.encoder = nn.Sequential(conv, bn, act, conv, bn,
 *   act, ..., conv)} and {@code self.decoder = nn.Sequential(tconv, bn, act, ..., tconv, nn.Sigmoid())}, where
 *   PyTorch numbers every child, activations included: {@code encoder.0.weight} (conv of stage 0),
 *   {@code encoder.1.running_var} (its BatchNorm), {@code encoder.3.weight} (conv of stage 1, after the
 *   LeakyReLU at index 2). A residual block is one child ({@code encoder.3.conv1.weight}), after the
 *   stage's activation in the encoder and before the transposed convolution in the decoder. Models with
 *   skips have no flat sequential form.</li>
 * </ul>
 */
public enum NameLayout {
    HOURGLASS, SEQUENTIAL;

    private static final Pattern STAGE = Pattern.compile("(encoder|decoder)\\.stages\\.(\\d+)\\.(conv|bn|gdn|igdn|res\\.(\\d+))\\.(.+)");

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a model of this spec can be written in this layout. */
    public boolean fits(ModelSpec spec) {
        return this == HOURGLASS || !spec.hasSkips();
    }

    /** The name PyTorch gives our tensor {@code ours} in this layout. */
    public String external(String ours, ModelSpec spec) {
        if (this == HOURGLASS) return ours;
        Matcher m = STAGE.matcher(ours);
        if (!m.matches()) return ours; // entropy_bottleneck.*: the same in both layouts
        boolean encoder = m.group(1).equals("encoder");
        int stage = Integer.parseInt(m.group(2));
        int index = 0;
        for (int j = 0; j < stage; j++) index += children(spec, encoder, j);
        return m.group(1) + "." + (index + offset(spec, encoder, stage, m.group(3), m.group(4))) + "." + m.group(5);
    }

    /** Children a stage adds to the flat Sequential. */
    private static int children(ModelSpec spec, boolean encoder, int stage) {
        int r = spec.residualBlocks();
        if (stage == spec.stages() - 1) {
            return 1 + r + (!encoder && spec.outputActivation() != OutputActivation.NONE ? 1 : 0);
        }
        return 1 + r + normAndActivation(spec);
    }

    private static int normAndActivation(ModelSpec spec) {
        return (spec.norm() != Normalization.NONE ? 1 : 0) + (spec.activation() != Activation.NONE ? 1 : 0);
    }

    /** Position of a stage's module inside the stage: encoder conv, norm, act, res…; decoder res…, conv, norm, act. */
    private static int offset(ModelSpec spec, boolean encoder, int stage, String module, String resIndex) {
        boolean last = stage == spec.stages() - 1;
        int r = spec.residualBlocks();
        if (encoder) {
            if (module.equals("conv")) return 0;
            if (resIndex != null) return 1 + (last ? 0 : normAndActivation(spec)) + Integer.parseInt(resIndex);
            return 1; // bn or gdn
        }
        if (resIndex != null) return Integer.parseInt(resIndex);
        if (module.equals("conv")) return r;
        return r + 1; // bn or igdn
    }
}
