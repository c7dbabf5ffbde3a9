package dev.hourglass.cli;

import dev.hourglass.inspect.Verification;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Probe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check output shape, per-module shapes and output range.",
                "A random input through the real model: the output must have the input's shape, every module the "
                        + "shape convmath predicts, and the output the range of its activation. Exit code 0 only when all pass."})
final class VerifyCommand implements Runnable {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--input", paramLabel = "NxCxHxW", description = "Input shape (default: 4×C×S×S with the spec's image size S).")
    String input;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of weights and input (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Usage.formats(spec, format, OutputFormat.TEXT, OutputFormat.JSON);
        ModelSpec s = model.resolve();
        Probe probe = model.probe(s, deviceOptions.apply(), seed);
        Verification v = Verification.run(probe, SummaryCommand.inputShape(spec, input, s), seed);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
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
