package dev.hourglass.inspect.html;

import dev.hourglass.inspect.Numbers;
import dev.hourglass.inspect.SkipReport;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Paint;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Reconstruction PSNR intact, with the skips zeroed and with the latent zeroed: does information bypass the bottleneck? */
final class BypassChart {

    private BypassChart() {
    }

    static String svg(SkipReport s) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(finite(s.psnrIntact()), "PSNR", "intact");
        if (s.psnrSkipsZeroed() != null) data.addValue(finite(s.psnrSkipsZeroed()), "PSNR", "skips zeroed");
        data.addValue(finite(s.psnrLatentZeroed()), "PSNR", "latent zeroed");
        JFreeChart c = SvgChart.styled(ChartFactory.createBarChart(null, null, "reconstruction PSNR (dB)", data, PlotOrientation.VERTICAL,
                false, false, false));
        CategoryPlot plot = c.getCategoryPlot();
        BarRenderer r = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                String key = (String) data.getColumnKey(column);
                return key.equals("intact") ? SvgChart.BLUE : key.equals("skips zeroed") ? SvgChart.ORANGE : SvgChart.GRAY;
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.18);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2} dB", new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        r.setDefaultItemLabelsVisible(true);
        plot.setRenderer(r);
        return SvgChart.svg(c, 640, 300, "bypass");
    }

    private static double finite(Double v) {
        return v == null || !Double.isFinite(v) ? 100 : v;
    }

    static String caption(SkipReport s) {
        StringBuilder b = new StringBuilder("Reconstruction PSNR on ").append(s.images()).append(s.trained() ? "" : " with untrained weights")
                .append(": intact ").append(db(s.psnrIntact()));
        if (s.psnrSkipsZeroed() != null) b.append(", with every skip zeroed ").append(db(s.psnrSkipsZeroed()));
        b.append(", with the latent zeroed ").append(db(s.psnrLatentZeroed())).append(". ");
        if (s.hasSkips()) {
            b.append(Numbers.fixed(100 * (1 - s.latentGradShare()), 1)).append("% of the reconstruction loss's gradient norm flows into the skips. ");
        } else {
            b.append("This model has no skips, so nothing bypasses the latent. ");
        }
        return b.append(s.meaning()).toString();
    }

    static String db(Double v) {
        return v == null ? "-" : Double.isInfinite(v) ? "∞ dB (exact)" : Numbers.fixed(v, 2) + " dB";
    }
}
