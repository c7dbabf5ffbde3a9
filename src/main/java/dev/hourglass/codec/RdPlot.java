package dev.hourglass.codec;

import dev.hourglass.backend.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Rate–distortion plots, one curve per codec: PSNR against bpp, and MS-SSIM against bpp. */
public final class RdPlot {

    private RdPlot() {
    }

    public static void write(List<RdCurve> curves, boolean msssim, Path file) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (RdCurve c : curves) {
            XYSeries s = new XYSeries(c.codec());
            for (RdCurve.Point p : c.points()) {
                double y = msssim ? p.msssim() : p.psnr();
                if (Double.isFinite(y)) s.add(p.bpp(), y);
            }
            data.addSeries(s);
        }
        String metric = msssim ? "MS-SSIM" : "PSNR (dB)";
        JFreeChart chart = ChartFactory.createXYLineChart(metric + " against rate", "bits per pixel (real file size)", metric, data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        AtomicFiles.write(file, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 900, 600));
    }
}
