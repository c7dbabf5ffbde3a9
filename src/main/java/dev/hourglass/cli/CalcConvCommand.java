package dev.hourglass.cli;

import dev.hourglass.convmath.ConvKind;
import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.Shape;
import dev.hourglass.convmath.WorkedArithmetic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "conv", mixinStandardHelpOptions = true,
        description = {"Parameters, output size and MACs of one convolution, each with its arithmetic.",
                "Example (course Q2.1): hourglass calc conv --in 64 --out 128 -k 3 --padding 1 --input 64x64"})
final class CalcConvCommand extends Verb {

    @Option(names = "--in", required = true, description = "Input channels.")
    int in;
    @Option(names = "--out", required = true, description = "Output channels.")
    int out;
    @Option(names = {"-k", "--kernel"}, required = true, description = "Kernel size (square).")
    int kernel;
    @Option(names = "--stride", defaultValue = "1", description = "Stride (default: ${DEFAULT-VALUE}).")
    int stride;
    @Option(names = "--padding", defaultValue = "0", description = "Zero padding (default: ${DEFAULT-VALUE}).")
    int padding;
    @Option(names = "--dilation", defaultValue = "1", description = "Dilation (default: ${DEFAULT-VALUE}).")
    int dilation;
    @Option(names = "--groups", defaultValue = "1", description = "Groups (default: ${DEFAULT-VALUE}).")
    int groups;
    @Option(names = "--no-bias", description = "Without a bias.")
    boolean noBias;
    @Option(names = "--transposed", description = "A ConvTranspose2d instead of a Conv2d.")
    boolean transposed;
    @Option(names = "--output-padding", defaultValue = "0", description = "Output padding of a transposed convolution.")
    int outputPadding;
    @Option(names = "--input", paramLabel = "HxW", description = "Input height×width, for output size and MACs.")
    String input;
    @Mixin
    FormatOptions.TextOrJson formatOption;

    @Override
    public void run() {
        Usage.check(spec, this::compute); // calc reads nothing but its options: every bad value is a usage error
    }

    private void compute() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.JSON);
        ConvLayer layer = new ConvLayer(transposed ? ConvKind.TRANSPOSED : ConvKind.CONV, in, out, kernel, stride, padding,
                dilation, groups, !noBias, outputPadding);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("layer", layer.describe());
        result.put("parameters", worked(layer.parametersWorked()));
        if (groups > 1) {
            ConvLayer ungrouped = new ConvLayer(layer.kind(), in, out, kernel, stride, padding, dilation, 1, !noBias, outputPadding);
            result.put("parametersWithoutGroups", ungrouped.parameters());
        }
        if (input != null) {
            Shape hw = Shape.parse(input);
            if (hw.rank() != 2) {
                throw new IllegalArgumentException("--input must be HxW, e.g. 64x64, but was " + input);
            }
            int h = Math.toIntExact(hw.dim(0));
            int w = Math.toIntExact(hw.dim(1));
            result.put("outputHeight", worked(layer.outputSizeWorked(h)));
            result.put("outputWidth", worked(layer.outputSizeWorked(w)));
            result.put("macs", worked(layer.macsWorked(h, w)));
            result.put("flops", layer.flops(h, w));
        }
        PrintWriter o = out();
        if (formatOption.format == OutputFormat.JSON) {
            o.println(Json.write(result));
            return;
        }
        o.println(layer.describe());
        o.println("  " + layer.parametersWorked());
        if (input != null) {
            o.println("  " + layer.outputSizeWorked(Math.toIntExact(Shape.parse(input).dim(0))) + "  (height)");
            o.println("  " + layer.outputSizeWorked(Math.toIntExact(Shape.parse(input).dim(1))) + "  (width)");
            o.println("  " + layer.macsWorked(Math.toIntExact(Shape.parse(input).dim(0)), Math.toIntExact(Shape.parse(input).dim(1))));
            o.printf("  FLOPs = 2·MACs%s = %,d%n", layer.bias() ? " + one bias add per output" : "", result.get("flops"));
        } else {
            o.println("  (give --input HxW for the output size and the MACs)");
        }
        if (groups > 1) {
            o.printf("  groups = %d: the %d input channels are split into %d groups of %d; each group's %d output channels"
                            + " see only their own group, so each weight spans C_in/g = %d channels instead of %d and the"
                            + " weights shrink %d× (%,d instead of %,d parameters), as do the MACs.%n",
                    groups, in, groups, in / groups, out / groups, in / groups, in, groups,
                    layer.parameters(), (Long) result.get("parametersWithoutGroups"));
        }
    }

    private static Map<String, Object> worked(WorkedArithmetic w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", w.value());
        m.put("formula", w.formula());
        m.put("substituted", w.substituted());
        return m;
    }
}
