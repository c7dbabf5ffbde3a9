package dev.hourglass.inspect;

/** Formats a {@link Summary} as text, Markdown or CSV; JSON is the record itself. */
public final class SummaryRenderer {

    private SummaryRenderer() {
    }

    /** The per-operation table; {@code depth} limits module paths to that many dot-separated parts (0 = all). */
    public static Table table(Summary s, int depth) {
        Table t = new Table("Layer", "Type", "Input", "Output", ">In", ">Out", "k/s/p", ">Params", ">% params",
                "Trainable", ">MACs", ">RF", ">Jump");
        for (LayerRow r : s.rows()) {
            if (depth > 0 && r.path().split("\\.").length > depth) continue;
            t.row(r.path(), r.type(), String.join(" + ", r.inputShapes()), r.outputShape(), r.inChannels(), r.outChannels(),
                    r.kernelStridePadding(), Numbers.count(r.parameters()), Numbers.fixed(r.percentOfParameters(), 2),
                    r.trainable(), Numbers.count(r.macs()), r.rf(), Numbers.jump(r.jump()));
        }
        return t;
    }

    public static String footer(Summary s) {
        StringBuilder b = new StringBuilder();
        b.append("Total parameters:         ").append(Numbers.count(s.totalParameters()))
                .append(s.totalParameters() == s.libtorchParameters() ? "  (libtorch counts the same" : "  (libtorch counts "
                        + Numbers.count(s.libtorchParameters()) + "!")
                .append(s.totalParameters() == s.convmathParameters() ? "; convmath predicts the same)" : "; convmath predicts "
                        + Numbers.count(s.convmathParameters()) + "!)").append('\n');
        b.append("Trainable parameters:     ").append(Numbers.count(s.trainableParameters())).append('\n');
        b.append("Non-trainable parameters: ").append(Numbers.count(s.nonTrainableParameters())).append('\n');
        b.append("Total MACs:               ").append(Numbers.count(s.totalMacs())).append(" (").append(Numbers.scaled(s.totalMacs()))
                .append(") for input ").append(s.input())
                .append(s.convmathMacs() < 0 ? "  (convmath's formulas on the measured shapes; no spec to plan from)"
                        : s.totalMacs() == s.convmathMacs() ? "  (convmath's plan gives the same)" : "  (convmath's plan gives "
                        + Numbers.count(s.convmathMacs()) + "!)").append('\n');
        b.append("Total FLOPs:              ").append(Numbers.count(s.totalFlops())).append(" (").append(Numbers.scaled(s.totalFlops()))
                .append(")\n");
        b.append("Parameter memory:         ").append(Numbers.bytes(s.parameterBytes())).append('\n');
        b.append("Activation memory:        ").append(Numbers.bytes(s.activationBytes()))
                .append(" (outputs of every operation of one forward pass, measured)\n");
        b.append("Latent shape:             ").append(s.latent()).append('\n');
        if (!s.skips().isEmpty()) b.append("Skip shapes:              ").append(String.join(", ", s.skips())).append('\n');
        b.append("Output shape:             ").append(s.output()).append('\n');
        b.append("Compression ratio:        ").append(Numbers.fixed(s.compressionRatio(), 2))
                .append(":1 in values; in bits, with 8-bit pixels: ").append(Numbers.fixed(s.ratioBits8(), 2))
                .append(":1 with 8-bit latent values, ").append(Numbers.fixed(s.ratioBits32(), 2))
                .append(":1 with 32-bit float latent values\n");
        b.append("Conventions: 1 MAC = one multiply-add; transposed convolutions counted at input resolution;"
                + " BatchNorm 1 MAC/element; activations, add and cat 0 MACs (FLOPs: LeakyReLU 2, ReLU 1, Sigmoid 4, add 1, cat 0 per element)."
                + " RF: input rows seen by the central unit of each output, through every path.\n");
        return b.toString();
    }

    public static String text(Summary s, int depth) {
        return "Model " + s.model() + " on " + s.device() + ", input " + s.input() + "\n\n" + table(s, depth).text() + "\n" + footer(s);
    }

    public static String markdown(Summary s, int depth) {
        return "### Summary of `" + s.model() + "` (input " + s.input() + ", " + s.device() + ")\n\n" + table(s, depth).markdown()
                + "\n```\n" + footer(s) + "```\n";
    }
}
