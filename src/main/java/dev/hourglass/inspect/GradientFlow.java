package dev.hourglass.inspect;

import dev.hourglass.convmath.Shape;
import dev.hourglass.runtime.FiniteDifferenceCheck;
import dev.hourglass.runtime.GradientMeasurement;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ParamGradient;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient flow (course exercise 2.4): per named parameter, whether a gradient arrived, whether it
 * vanished, whether it holds NaN or Inf; plus an optional finite-difference check of autograd.
 * {@code loss} says in words which loss was back-propagated.
 */
public record GradientFlow(String input, double threshold, List<GradientRow> rows, FiniteDifferenceCheck.Result finiteDifference,
                           String loss) {

    /** A gradient whose largest entry is below this is vanishing (the report's and gradcheck's default). */
    public static final double DEFAULT_THRESHOLD = 1e-10;

    public GradientFlow {
        rows = List.copyOf(rows);
    }

    public long problems() {
        return rows.stream().filter(r -> !r.ok()).count();
    }

    public boolean finiteDifferenceOk() {
        return finiteDifference == null || finiteDifference.passed();
    }

    public boolean passed() {
        return problems() == 0 && finiteDifferenceOk();
    }

    public String verdict() {
        if (passed()) {
            return "all " + rows.size() + " parameters received finite, non-vanishing gradients"
                    + (finiteDifference == null ? "" : "; autograd agrees with finite differences");
        }
        List<String> parts = new ArrayList<>();
        for (String s : List.of("MISSING", "VANISHING", "NAN", "INF")) {
            long n = rows.stream().filter(r -> r.status().equals(s)).count();
            if (n > 0) parts.add(n + " " + s.toLowerCase());
        }
        if (!finiteDifferenceOk()) parts.add(finiteDifference.entriesFailed() + " of " + finiteDifference.entriesChecked()
                + " finite-difference entries disagree with autograd");
        return "gradient problems: " + String.join(", ", parts);
    }

    /**
     * Parameters whose gradient is analytically zero in training mode: a convolution bias followed
     * by BatchNorm, which subtracts the batch mean and with it the bias. Their measured gradient is
     * float rounding; such biases are redundant (PyTorch models usually set bias=False there).
     */
    public List<String> biasesBeforeBatchNorm() {
        List<String> names = rows.stream().map(GradientRow::name).toList();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!n.endsWith(".bias")) continue;
            String module = n.substring(0, n.length() - ".bias".length());
            int dot = module.lastIndexOf('.');
            String leaf = module.substring(dot + 1);
            if (!leaf.startsWith("conv")) continue;
            String bn = module.substring(0, dot + 1) + "bn" + leaf.substring(4) + ".weight";
            if (names.contains(bn)) out.add(n);
        }
        return out;
    }

    public static GradientFlow run(ModelRunner probe, Shape input, long seed, double threshold, boolean finiteDifferences) {
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("threshold must be 0 or more but was " + threshold);
        }
        List<GradientRow> rows = rows(GradientMeasurement.sumLossGradients(probe, input, seed), threshold);
        FiniteDifferenceCheck.Result fd = finiteDifferences
                ? FiniteDifferenceCheck.run(FiniteDifferenceCheck.smallVersionOf(probe.spec()), seed, 3, 1e-6) : null;
        return new GradientFlow(input.toString(), threshold, rows, fd, GradientMeasurement.lossDescription(probe.spec()));
    }

    /** One row per measured gradient, with its status against {@code threshold}. */
    static List<GradientRow> rows(List<ParamGradient> gradients, double threshold) {
        List<GradientRow> rows = new ArrayList<>();
        for (ParamGradient g : gradients) {
            rows.add(new GradientRow(g.name(), g.shape().toString(), status(g, threshold), g.norm(), g.maxAbs(), g.nanCount(), g.infCount()));
        }
        return rows;
    }

    static String status(ParamGradient g, double threshold) {
        if (!g.defined()) return "MISSING";
        if (g.nanCount() > 0) return "NAN";
        if (g.infCount() > 0) return "INF";
        if (g.maxAbs() < threshold) return "VANISHING";
        return "OK";
    }

    public Table table() {
        Table t = new Table("Parameter", "Shape", "Status", ">‖grad‖₂", ">max |grad|", ">NaN", ">Inf");
        for (GradientRow r : rows) {
            t.row(r.name(), r.shape(), r.status(), sci(r.norm()), sci(r.maxAbs()), r.nanCount(), r.infCount());
        }
        return t;
    }

    static String sci(double v) {
        return String.format(java.util.Locale.ROOT, "%.3e", v);
    }
}
