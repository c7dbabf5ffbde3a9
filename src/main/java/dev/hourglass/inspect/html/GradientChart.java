package dev.hourglass.inspect.html;

import dev.hourglass.inspect.GradientFlow;
import dev.hourglass.inspect.GradientRow;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;

/**
 * ‖grad‖₂ of every parameter on a log axis, with the vanishing threshold as a line: failing
 * parameters red, biases whose exact gradient is 0 (they feed a BatchNorm) gray, the rest blue.
 */
final class GradientChart {

    private GradientChart() {
    }

    /** The value drawn for a gradient of norm 0 (or none): a decade below the threshold and the smallest norm. */
    static double floor(GradientFlow g) {
        double min = g.rows().stream().mapToDouble(GradientRow::norm).filter(v -> v > 0 && Double.isFinite(v)).min().orElse(1);
        double t = g.threshold() > 0 ? g.threshold() : min;
        return Math.pow(10, Math.floor(Math.log10(Math.min(min, t))) - 1);
    }

    static String svg(GradientFlow g) {
        double floor = floor(g);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<GradientRow> rows = g.rows();
        double max = floor;
        for (GradientRow r : rows) {
            double v = Double.isFinite(r.norm()) && r.norm() > floor ? r.norm() : floor;
            max = Math.max(max, v);
            data.addValue(v, "‖grad‖₂", r.name());
        }
        List<String> zeroByBatchNorm = g.biasesBeforeBatchNorm();
        JFreeChart c = SvgChart.styled(ChartFactory.createBarChart(null, null, "‖grad‖₂ (log scale)", data, PlotOrientation.HORIZONTAL,
                false, false, false));
        CategoryPlot plot = c.getCategoryPlot();
        LogAxis axis = new LogAxis("‖grad‖₂ (log scale)");
        axis.setRange(floor, max * 10);
        axis.setTickLabelFont(plot.getRangeAxis().getTickLabelFont());
        axis.setLabelFont(plot.getRangeAxis().getLabelFont());
        plot.setRangeAxis(axis);
        BarRenderer r = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                GradientRow x = rows.get(column);
                return !x.ok() ? SvgChart.RED : zeroByBatchNorm.contains(x.name()) ? SvgChart.GRAY : SvgChart.BLUE;
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setBase(floor);
        r.setIncludeBaseInRange(false);
        r.setMaximumBarWidth(0.8);
        plot.setRenderer(r);
        if (g.threshold() > 0) {
            ValueMarker m = new ValueMarker(g.threshold(), SvgChart.RED, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[]{6f, 4f}, 0f));
            m.setLabel(String.format(Locale.ROOT, "vanishing threshold %.0e", g.threshold()));
            m.setLabelPaint(SvgChart.RED);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(m);
        }
        return SvgChart.svg(c, 860, 70 + 13 * rows.size(), "grads");
    }

    static String caption(GradientFlow g) {
        List<GradientRow> rows = g.rows();
        GradientRow lo = rows.stream().filter(x -> Double.isFinite(x.norm())).min(java.util.Comparator.comparingDouble(GradientRow::norm)).orElse(null);
        GradientRow hi = rows.stream().filter(x -> Double.isFinite(x.norm())).max(java.util.Comparator.comparingDouble(GradientRow::norm)).orElse(null);
        StringBuilder b = new StringBuilder("‖grad‖₂ of each of the ").append(rows.size())
                .append(" parameters after one backward pass of the ").append(g.loss()).append(" (training mode, input ").append(g.input()).append(").");
        if (lo != null) {
            b.append(" Norms range from ").append(sci(lo.norm())).append(" (").append(lo.name()).append(") to ").append(sci(hi.norm()))
                    .append(" (").append(hi.name()).append(").");
        }
        b.append(String.format(Locale.ROOT, " The dashed red line is the vanishing threshold %.0e (a parameter vanishes when its largest"
                + " |grad| is below it).", g.threshold()));
        List<GradientRow> bad = rows.stream().filter(x -> !x.ok()).toList();
        if (bad.isEmpty()) {
            b.append(" No parameter failed: none is missing, vanishing, NaN or infinite.");
        } else {
            b.append(" ").append(bad.size()).append(" failed, drawn in red: ");
            b.append(String.join(", ", bad.stream().map(x -> x.name() + " (" + x.status().toLowerCase(Locale.ROOT) + ")").toList())).append('.');
        }
        if (!g.biasesBeforeBatchNorm().isEmpty()) {
            b.append(" Gray: ").append(g.biasesBeforeBatchNorm().size()).append(" convolution biases that feed a BatchNorm; their exact"
                    + " gradient is 0 in training mode, so the drawn values are float rounding.");
        }
        return b.toString();
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
