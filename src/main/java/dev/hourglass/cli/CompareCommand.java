package dev.hourglass.cli;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.inspect.Comparison;
import dev.hourglass.inspect.ComparisonRenderer;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ResidualBlockCheck;
import dev.hourglass.spec.SpecFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Parameters of model B against model A, module by module.",
                "Parameters of model B against model A (presets or spec files), module by module: what B adds, the "
                        + "percentage increase, one " + Comparison.COURSE_BLOCK_CHANNELS + "-channel residual block, the course's simplified count, and shape and "
                        + "gradient checks of a residual block alone. Example: hourglass compare baseline residual"})
final class CompareCommand extends Verb {

    @Parameters(index = "0", paramLabel = "A", description = "Preset name or spec file.")
    String a;
    @Parameters(index = "1", paramLabel = "B", description = "Preset name or spec file.")
    String b;
    @Mixin
    DeviceOptions deviceOptions;
    @Mixin
    FormatOptions.TextMarkdownOrJson formatOption;

    @Override
    public void run() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON);
        ModelSpec sa = resolve(a);
        ModelSpec sb = resolve(b);
        DeviceChoice device = deviceOptions.apply();
        Comparison c = Comparison.of(a, sa, b, sb);
        long measuredA = ModelRunner.build(sa, device, 0).parameterCount();
        long measuredB = ModelRunner.build(sb, device, 0).parameterCount();
        ResidualBlockCheck.Result block = ResidualBlockCheck.run(Comparison.COURSE_BLOCK_CHANNELS, Comparison.residualFamily(sb), 0);
        var out = out();
        if (formatOption.format == OutputFormat.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("comparison", c);
            doc.put("measuredParametersA", measuredA);
            doc.put("measuredParametersB", measuredB);
            doc.put("residualBlockCheck", block);
            out.println(Json.write(doc));
            return;
        }
        out.print(ComparisonRenderer.text(c, measuredA, measuredB, block, formatOption.format == OutputFormat.MARKDOWN));
    }

    static ModelSpec resolve(String nameOrFile) {
        return nameOrFile.endsWith(".json") ? SpecFiles.read(Path.of(nameOrFile)) : Presets.get(nameOrFile);
    }
}
