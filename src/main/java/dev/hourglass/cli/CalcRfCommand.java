package dev.hourglass.cli;

import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.LayerSyntax;
import dev.hourglass.convmath.ReceptiveField;
import dev.hourglass.convmath.RfStep;
import dev.hourglass.model.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "rf", mixinStandardHelpOptions = true,
        description = {"Receptive field, jump and start of a chain of convolutions.",
                "Receptive field, jump and start after each layer (default: the baseline encoder, course Q2.3), and "
                        + "whether the last layer's units see the whole patch of input pixels each stands for.",
                "Layer syntax: " + LayerSyntax.HELP})
final class CalcRfCommand extends Verb {

    @Option(names = "--layer", paramLabel = "LAYER", description = "A forward convolution, in order; repeat the option.")
    List<String> layers;

    @Mixin
    FormatOptions.TextOrJson formatOption;

    @Override
    public void run() {
        Usage.check(spec, this::compute); // calc reads nothing but its options: every bad value is a usage error
    }

    private void compute() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.JSON);
        List<ConvLayer> chain = new ArrayList<>();
        if (layers == null || layers.isEmpty()) {
            chain.addAll(Presets.BASELINE.encoderConvs());
        } else {
            for (String l : layers) chain.add(LayerSyntax.parse(l));
        }
        List<RfStep> steps = ReceptiveField.recursion(chain);
        RfStep last = steps.get(steps.size() - 1);
        boolean covers = last.coversOwnPatch(0) && last.coversOwnPatch(1);
        PrintWriter o = out();
        if (formatOption.format == OutputFormat.JSON) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RfStep s : steps) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("layer", s.layer());
                r.put("rf", s.size());
                r.put("jump", s.jump());
                r.put("start", s.start());
                r.put("arithmetic", s.sizeWorked().toString());
                rows.add(r);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("layers", rows);
            doc.put("patch", last.jump());
            doc.put("coversPatch", covers);
            o.println(Json.write(doc));
            return;
        }
        o.println("layer 0 (input): RF = 1, jump = 1, start = 0");
        for (RfStep s : steps) {
            o.printf("%s: RF = %d, jump = %d, start = %s   [%s]%n", s.layer(), s.size(), s.jump(),
                    ReceptiveField.formatStart(s.start()), s.sizeWorked());
        }
        o.printf("Each unit of the last layer stands for a %d×%d patch of the input (the jump); its receptive field is %d×%d"
                        + " centred on that patch (unit 0 sees input pixels %s, its patch is [0, %d]): %s.%n",
                last.jump(), last.jump(), last.size(), last.size(), last.unitInterval(0), last.jump() - 1,
                covers ? "the receptive field covers the patch, with " + (last.size() - last.jump()) + " pixels of context"
                        : "the receptive field does NOT cover the whole patch");
    }
}
