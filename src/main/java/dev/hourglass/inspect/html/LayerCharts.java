package dev.hourglass.inspect.html;

import dev.hourglass.convmath.Shape;
import dev.hourglass.inspect.LayerRow;
import dev.hourglass.inspect.Numbers;
import dev.hourglass.inspect.Summary;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Paint;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** Parameters by layer and MACs by layer as bars, in execution order, the heaviest layer in red and labelled. */
final class LayerCharts {

    private LayerCharts() {
    }

    /** The layers drawn: every row that owns parameters except BatchNorm (convolutions, GDN, entropy model). */
    static List<LayerRow> layers(Summary s) {
        return s.rows().stream().filter(r -> r.parameters() > 0 && !r.type().equals("BatchNorm2d")).toList();
    }

    /** Images in the measured batch (MACs of a row are for the whole batch). */
    static long batch(Summary s) {
        return DiagramStages.shape(s.input()).dim(0);
    }

    static String parametersSvg(Summary s) {
        return chart(layers(s), LayerRow::parameters, "parameters", "params");
    }

    static String macsSvg(Summary s) {
        long n = batch(s);
        return chart(layers(s), r -> r.macs() / n, "multiply-accumulates per image", "macs");
    }

    static int heaviest(List<LayerRow> rows, ToLongFunction<LayerRow> value) {
        int best = 0;
        for (int i = 1; i < rows.size(); i++) if (value.applyAsLong(rows.get(i)) > value.applyAsLong(rows.get(best))) best = i;
        return best;
    }

    private static String chart(List<LayerRow> rows, ToLongFunction<LayerRow> value, String axis, String id) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (LayerRow r : rows) data.addValue(value.applyAsLong(r), axis, r.path());
        int top = heaviest(rows, value);
        JFreeChart c = SvgChart.styled(ChartFactory.createBarChart(null, null, axis, data, PlotOrientation.HORIZONTAL, false, false, false));
        CategoryPlot plot = c.getCategoryPlot();
        BarRenderer r = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return column == top ? SvgChart.RED : SvgChart.BLUE;
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.8);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset dataset, int row, int column) {
                return column == top ? "heaviest: " + Numbers.scaled(dataset.getValue(row, column).longValue()) : null;
            }
        });
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.INSIDE3, TextAnchor.CENTER_RIGHT));
        r.setDefaultItemLabelPaint(java.awt.Color.WHITE);
        plot.setRenderer(r);
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return SvgChart.svg(c, 860, 60 + 20 * rows.size(), id);
    }

    static String parametersCaption(Summary s) {
        List<LayerRow> rows = layers(s);
        LayerRow top = rows.get(heaviest(rows, LayerRow::parameters));
        long shown = rows.stream().mapToLong(LayerRow::parameters).sum();
        return "Parameters of each layer in execution order. The heaviest is " + top.path() + " (" + top.type() + " " + top.inChannels()
                + "→" + top.outChannels() + ") with " + Numbers.count(top.parameters()) + " parameters, "
                + Numbers.fixed(100.0 * top.parameters() / s.totalParameters(), 1) + "% of the model's " + Numbers.count(s.totalParameters())
                + ". The " + rows.size() + " layers drawn hold " + Numbers.count(shown) + (shown == s.totalParameters() ? ", all of them."
                : "; the remaining " + Numbers.count(s.totalParameters() - shown) + " belong to BatchNorm layers, which are not drawn.");
    }

    static String macsCaption(Summary s) {
        List<LayerRow> rows = layers(s);
        long n = batch(s);
        LayerRow top = rows.get(heaviest(rows, LayerRow::macs));
        long shown = rows.stream().mapToLong(LayerRow::macs).sum() / n;
        long total = s.totalMacs() / n;
        return "Multiply-accumulates of each layer for one " + DiagramStages.shape(s.input()).dim(2) + "×" + DiagramStages.shape(s.input()).dim(3)
                + " image (transposed convolutions counted at their input resolution). The heaviest is " + top.path() + " with "
                + Numbers.scaled(top.macs() / n) + " MACs, " + Numbers.fixed(100.0 * top.macs() / s.totalMacs(), 1) + "% of the model's "
                + Numbers.scaled(total) + "; the layers drawn account for " + Numbers.fixed(100.0 * shown / Math.max(1, total), 1)
                + "%, the rest is element-wise work (BatchNorm, activations).";
    }
}
