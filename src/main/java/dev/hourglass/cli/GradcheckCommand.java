package dev.hourglass.cli;

import dev.hourglass.inspect.GradientFlow;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.FiniteDifferenceCheck;
import dev.hourglass.runtime.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Gradient health of every parameter, and finite differences.",
                "Gradient flow: training mode, loss = sum of the output (plus the rate in bits and the auxiliary quantile loss "
                        + "for a model with an entropy model), backward; for every named parameter whether "
                        + "its gradient is missing, vanishing (max |grad| < threshold), NaN or Inf, with its norm and max "
                        + "|grad|. Then autograd against finite differences in double precision on a small model of the same "
                        + "family.",
                "Exit code 1 when any parameter has a problem."})
final class GradcheckCommand extends Verb {

    @Mixin
    ModelOptions model;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--threshold", converter = Usage.NonNegativeNumber.class, defaultValue = "1e-10", description = "Vanishing when max |grad| is below this (default: ${DEFAULT-VALUE}).")
    double threshold;
    @Mixin
    InputShapeOption input;
    @Option(names = "--no-finite-differences", description = "Skip the finite-difference check.")
    boolean noFd;
    @Mixin
    SeedOption random;
    @Mixin
    FormatOptions.TextMarkdownOrJson formatOption;

    @Override
    public void run() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON);
        if (model.torchscript() != null) {
            TorchScriptVerbs.gradcheck(out(), model.scripted(deviceOptions.apply()), input.resolveScripted(spec), random.seed, threshold, formatOption.format);
            return;
        }
        ModelSpec s = model.resolve();
        ModelRunner probe = model.probe(s, deviceOptions.apply(), random.seed);
        GradientFlow g = GradientFlow.run(probe, input.resolve(spec, s), random.seed, threshold, !noFd);
        PrintWriter out = out();
        if (formatOption.format == OutputFormat.JSON) {
            out.println(Json.write(g));
        } else {
            out.print(formatOption.format == OutputFormat.MARKDOWN ? g.table().markdown() : g.table().text());
            out.println();
            out.println("loss: " + g.loss());
            out.println(fdText(g));
            out.println("verdict: " + g.verdict());
        }
        if (!g.passed()) throw new CheckFailedException("gradcheck: " + g.verdict());
    }

    static String fdText(GradientFlow g) {
        StringBuilder b = new StringBuilder();
        if (!g.biasesBeforeBatchNorm().isEmpty()) {
            b.append("note: ").append(g.biasesBeforeBatchNorm().size()).append(" convolution biases feed a BatchNorm (")
                    .append(g.biasesBeforeBatchNorm().get(0)).append(", ...): in training mode BN subtracts the batch mean, so their"
                    + " exact gradient is 0 and the values above are float rounding; the biases are redundant.\n");
        }
        if (g.finiteDifference() == null) return b.append("finite differences: skipped").toString();
        var fd = g.finiteDifference();
        return b.append("finite differences (double precision, h = ").append(fd.step()).append(", small model of the same family): ")
                .append(fd.entriesChecked()).append(" entries checked, ").append(fd.entriesFailed())
                .append(" outside ").append(FiniteDifferenceCheck.criterion()).append(" (torch.autograd.gradcheck's test); max |a − n| = ")
                .append(String.format(java.util.Locale.ROOT, "%.2e", fd.maxAbsoluteError())).append(", max relative error ")
                .append(String.format(java.util.Locale.ROOT, "%.2e", fd.maxRelativeError())).append(" at ").append(fd.worstParameter())
                .append(" (autograd ").append(String.format(java.util.Locale.ROOT, "%.6e", fd.worstAnalytic())).append(", numeric ")
                .append(String.format(java.util.Locale.ROOT, "%.6e", fd.worstNumeric())).append(")").toString();
    }
}
