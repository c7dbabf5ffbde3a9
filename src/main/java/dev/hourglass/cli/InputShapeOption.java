package dev.hourglass.cli;

import dev.hourglass.convmath.Shape;
import dev.hourglass.model.ModelSpec;
import picocli.CommandLine.Option;

/** {@code --input NxCxHxW} for the verbs that run a random input through a model. */
final class InputShapeOption {

    @Option(names = "--input", paramLabel = "NxCxHxW", description = "Probe input shape. With --torchscript: default 4x1x256x256. With --arch, --spec or --checkpoint: "
            + "default 4×C×S×S with the spec's image size S; layers, trace, rf, skips and report measure at that size and accept "
            + "--input only with --torchscript.")
    String input;

    /** The shape asked for, checked against the model before any work: a bad one is a usage error (exit 2). */
    Shape resolve(picocli.CommandLine.Model.CommandSpec cmd, ModelSpec s) {
        Shape in = Usage.check(cmd, () -> resolve(s));
        Usage.check(cmd, () -> dev.hourglass.model.Architecture.plan(s, in));
        return in;
    }

    /** The probe for a --torchscript model: the shape asked for, or (4, 1, 256, 256); a bad one is a usage error (exit 2). */
    Shape resolveScripted(picocli.CommandLine.Model.CommandSpec cmd) {
        return Usage.check(cmd, () -> resolve(dev.hourglass.model.Presets.BASELINE));
    }

    /** The shape asked for, or 4×C×S×S for the spec. */
    Shape resolve(ModelSpec s) {
        if (input == null) {
            return Shape.of(4, s.inputChannels(), s.imageSize(), s.imageSize());
        }
        Shape in = Shape.parse(input);
        if (in.rank() != 4) {
            throw new IllegalArgumentException("--input must be NxCxHxW, e.g. 4x1x256x256, but was " + input);
        }
        long numel = 1;
        for (int i = 0; i < 4; i++) {
            if (in.dim(i) > Integer.MAX_VALUE) throw new IllegalArgumentException("--input " + input + ": dimension " + in.dim(i) + " is too large");
            numel = Math.multiplyExact(numel, in.dim(i));
        }
        return in;
    }
}
