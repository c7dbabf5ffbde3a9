package dev.hourglass.cli;

import dev.hourglass.inspect.Verification;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check output shape, per-module shapes and output range.",
                "A random input through the real model: the output must have the input's shape, every module the "
                        + "shape convmath predicts, and the output the range of its activation. Exit code 0 only when all pass."})
final class VerifyCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Mixin
    InputShapeOption input;
    @Mixin
    SeedOption random;
    @Mixin
    FormatOptions.TextOrJson formatOption;

    @Override
    public void run() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.JSON);
        if (model.torchscript() != null) {
            TorchScriptVerbs.verify(out(), model.scripted(deviceOptions.apply()), input.resolveScripted(spec), random.seed, formatOption.format);
            return;
        }
        ModelSpec s = model.resolve();
        ModelRunner probe = model.probe(s, deviceOptions.apply(), random.seed);
        Verification v = Verification.run(probe, input.resolve(spec, s), random.seed);
        PrintWriter out = out();
        if (formatOption.format == OutputFormat.JSON) {
            out.println(Json.write(v));
        } else {
            out.println(text(v));
        }
        if (!v.passed()) throw new CheckFailedException("verify: FAILED");
    }

    static String text(Verification v) {
        StringBuilder b = new StringBuilder();
        b.append("input  ").append(v.input()).append('\n');
        if (v.output().equals("-")) {
            b.append("output none: the forward pass failed\n");
        } else {
            b.append("output ").append(v.output()).append(v.shapeOk() ? "  (equals the input shape)" : "  (DIFFERS from the input shape)").append('\n');
            b.append("range  [").append(v.min()).append(", ").append(v.max()).append("] with output activation ").append(v.outputActivation());
            b.append(v.outputActivation().equals("sigmoid") ? (v.rangeOk() ? ": within [0, 1]" : ": OUTSIDE [0, 1]") : " (reported as measured)");
            b.append('\n');
        }
        for (String p : v.problems()) b.append("problem: ").append(p).append('\n');
        b.append(v.passed() ? "verify: PASSED" : "verify: " + v.problems().size() + " problem(s)");
        return b.toString();
    }
}
