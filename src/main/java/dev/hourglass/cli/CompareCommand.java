package dev.hourglass.cli;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.inspect.Comparison;
import dev.hourglass.inspect.Numbers;
import dev.hourglass.inspect.Table;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.model.Probe;
import dev.hourglass.model.ResidualBlockCheck;
import dev.hourglass.model.SpecFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Parameters of model B against model A (presets or spec files), module by module: what B adds, the",
                "percentage increase, one 64-channel residual block, the course's simplified count, and shape and",
                "gradient checks of a residual block alone. Example: hourglass compare baseline residual"})
final class CompareCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "A", description = "Preset name or spec file.")
    String a;
    @Parameters(index = "1", paramLabel = "B", description = "Preset name or spec file.")
    String b;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--format", defaultValue = "text", description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        ModelSpec sa = resolve(a);
        ModelSpec sb = resolve(b);
        DeviceChoice device = deviceOptions.apply();
        Comparison c = Comparison.of(a, sa, b, sb);
        long measuredA = Probe.build(sa, device, 0).parameterCount();
        long measuredB = Probe.build(sb, device, 0).parameterCount();
        ResidualBlockCheck.Result block = ResidualBlockCheck.run(64, sb, 0);
        var out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("comparison", c);
            doc.put("measuredParametersA", measuredA);
            doc.put("measuredParametersB", measuredB);
            doc.put("residualBlockCheck", block);
            out.println(Json.write(doc));
            return;
        }
        out.print(text(c, measuredA, measuredB, block, format == OutputFormat.MARKDOWN));
    }

    static String text(Comparison c, long measuredA, long measuredB, ResidualBlockCheck.Result block, boolean md) {
        StringBuilder s = new StringBuilder();
        s.append(c.a()).append(": ").append(Numbers.count(c.parametersA())).append(" parameters; ").append(c.b()).append(": ")
                .append(Numbers.count(c.parametersB())).append(" (").append(c.parametersB() >= c.parametersA() ? "+" : "")
                .append(Numbers.count(c.parametersB() - c.parametersA())).append(", ")
                .append(Numbers.fixed(c.increasePercent(), 1)).append("%)");
        s.append(measuredA == c.parametersA() && measuredB == c.parametersB() ? "; libtorch counts the same.\n"
                : "; libtorch counts " + measuredA + " and " + measuredB + "!\n");
        if (!c.addedBlocks().isEmpty()) {
            s.append("\nResidual blocks only in ").append(c.b()).append(":\n");
            Table t = new Table("Block", ">Channels", ">Parameters");
            for (Comparison.AddedBlock x : c.addedBlocks()) t.row(x.path(), x.channels(), Numbers.count(x.parameters()));
            s.append(md ? t.markdown() : t.text());
        }
        if (!c.differences().isEmpty()) {
            s.append("\nPer-module differences:\n");
            s.append(md ? c.table().markdown() : c.table().text());
        } else {
            s.append("\nNo module differs in parameters.\n");
        }
        s.append("\nOne 64-channel residual block: 2·(64·64·3² + 64) + 2·(2·64) = ").append(Numbers.count(c.residualBlock64()))
                .append(" parameters. The course's simplified count, eight 64-channel blocks: ")
                .append(Numbers.count(c.courseEightBlocks())).append(" = +").append(Numbers.fixed(c.courseIncreasePercent(), 1))
                .append("% over the baseline's 1,839,809; blocks at each stage's real width cost more, as the table shows.\n");
        s.append("Residual block alone (64 channels, input ").append(block.input()).append("): output ").append(block.output())
                .append(block.shapeOk() ? " (same shape)" : " (SHAPE CHANGED)").append("; gradients reach the input (‖grad‖ = ")
                .append(String.format(java.util.Locale.ROOT, "%.3e", block.inputGradNorm())).append(") and ")
                .append(block.gradients().size()).append(" parameters: ").append(block.gradientsOk() ? "all finite and non-zero" : "PROBLEM")
                .append(".\n");
        return s.toString();
    }

    static ModelSpec resolve(String nameOrFile) {
        return nameOrFile.endsWith(".json") ? SpecFiles.read(Path.of(nameOrFile)) : Presets.get(nameOrFile);
    }
}
