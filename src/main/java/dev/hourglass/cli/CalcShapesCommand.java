package dev.hourglass.cli;

import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.LayerSyntax;
import dev.hourglass.convmath.Shape;
import dev.hourglass.convmath.ShapePropagation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "shapes", mixinStandardHelpOptions = true,
        description = {"Shape of an (N, C, H, W) tensor after each layer of a chain.",
                "Layer syntax: " + LayerSyntax.HELP,
                "Example (course Q2.2): hourglass calc shapes --input 8x1x256x256 --layer conv:1:64:k7:s2:p3 --layer "
                        + "conv:64:128:k3:s2:p1 --layer conv:128:256:k3:s2:p1 --layer conv:256:64:k3:s2:p1"})
final class CalcShapesCommand extends Verb {

    @Option(names = "--input", required = true, paramLabel = "NxCxHxW", description = "Input shape, e.g. 8x1x256x256.")
    String input;

    @Option(names = "--layer", required = true, paramLabel = "LAYER", description = "A layer, in order; repeat the option.")
    List<String> layers;

    @Mixin
    FormatOptions.TextOrJson formatOption;

    @Override
    public void run() {
        Usage.check(spec, this::compute); // calc reads nothing but its options: every bad value is a usage error
    }

    private void compute() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.JSON);
        Shape in = Shape.parse(input);
        List<ConvLayer> parsed = new ArrayList<>();
        for (String l : layers) parsed.add(LayerSyntax.parse(l));
        List<Shape> shapes = ShapePropagation.chain(parsed, in);
        PrintWriter o = out();
        if (formatOption.format == OutputFormat.JSON) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < parsed.size(); i++) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("layer", parsed.get(i).describe());
                r.put("shape", shapes.get(i).dims());
                rows.add(r);
            }
            o.println(Json.write(Map.of("input", in.dims(), "layers", rows)));
            return;
        }
        o.println("input:        " + in);
        for (int i = 0; i < parsed.size(); i++) {
            ConvLayer l = parsed.get(i);
            Shape before = i == 0 ? in : shapes.get(i - 1);
            o.printf("after layer %d: %s   %s; H: %s%n", i + 1, shapes.get(i), l.describe(),
                    l.outputSizeWorked(Math.toIntExact(before.dim(2))).substituted() + " = " + shapes.get(i).dim(2));
        }
    }
}
