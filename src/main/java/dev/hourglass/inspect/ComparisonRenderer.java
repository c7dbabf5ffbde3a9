package dev.hourglass.inspect;

import dev.hourglass.runtime.ResidualBlockCheck;

/** Formats a {@link Comparison} with the check of a residual block alone. */
public final class ComparisonRenderer {

    private ComparisonRenderer() {
    }

    public static String text(Comparison c, long measuredA, long measuredB, ResidualBlockCheck.Result block, boolean md) {
        StringBuilder s = new StringBuilder();
        s.append(c.a()).append(": ").append(Numbers.count(c.parametersA())).append(" parameters; ").append(c.b()).append(": ")
                .append(Numbers.count(c.parametersB())).append(" (").append(c.parametersB() >= c.parametersA() ? "+" : "")
                .append(Numbers.count(c.parametersB() - c.parametersA())).append(", ")
                .append(Numbers.fixed(c.increasePercent(), 1)).append("%)");
        s.append(measuredA == c.parametersA() && measuredB == c.parametersB() ? "; libtorch counts the same.\n"
                : "; libtorch counts " + measuredA + " and " + measuredB + "!\n");
        if (!c.addedBlocks().isEmpty()) {
            s.append("\nResidual blocks only in ").append(c.b()).append(":\n\n");
            Table t = new Table("Block", ">Channels", ">Parameters");
            for (Comparison.AddedBlock x : c.addedBlocks()) t.row(x.path(), x.channels(), Numbers.count(x.parameters()));
            s.append(md ? t.markdown() : t.text());
        }
        Table other = c.table(c.differencesOutsideAddedBlocks());
        if (other.size() > 0) {
            s.append("\nOther per-module differences:\n\n").append(md ? other.markdown() : other.text());
        } else if (c.addedBlocks().isEmpty()) {
            s.append("\nNo module differs in parameters.\n");
        }
        int ch = Comparison.COURSE_BLOCK_CHANNELS;
        s.append("\nOne ").append(ch).append("-channel residual block: 2·(").append(ch).append("·").append(ch).append("·3² + ").append(ch)
                .append(") + 2·(2·").append(ch).append(") = ").append(Numbers.count(c.residualBlock64()))
                .append(" parameters. The course's simplified count, ").append(Comparison.COURSE_BLOCKS).append(" ").append(ch)
                .append("-channel blocks: ").append(Numbers.count(c.eightBlocksOf64Channels())).append(" = +")
                .append(Numbers.fixed(c.eightBlocksOf64ChannelsIncreasePercent(), 1)).append("% over the baseline's ")
                .append(Numbers.count(c.baselineParameters())).append("; blocks at each stage's real width cost more, as the table shows.\n");
        s.append("Residual block alone (the course's ").append(block.channels()).append(" channels, input ").append(block.input())
                .append("): output ").append(block.output())
                .append(block.shapeOk() ? " (same shape)" : " (SHAPE CHANGED)").append("; gradients reach the input (‖grad‖ = ")
                .append(String.format(java.util.Locale.ROOT, "%.3e", block.inputGradNorm())).append(") and ")
                .append(block.gradients().size()).append(" parameters: ").append(block.gradientsOk() ? "all finite and non-zero" : "PROBLEM")
                .append(".\n");
        return s.toString();
    }

}
