package dev.hourglass.train;

import dev.hourglass.backend.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Loss and PSNR curves of a run as PNG, drawn by JFreeChart. */
final class Plots {

    private Plots() {
    }

    static void loss(List<StepLog> steps, Path file) throws IOException {
        XYSeries s = new XYSeries("training loss");
        for (StepLog l : steps) if (l.loss() > 0 && Double.isFinite(l.loss())) s.add(l.step(), l.loss());
        JFreeChart c = ChartFactory.createXYLineChart("Training loss", "step", "loss", new XYSeriesCollection(s),
                PlotOrientation.VERTICAL, true, false, false);
        if (s.getItemCount() > 0) c.getXYPlot().setRangeAxis(new LogAxis("loss (log scale)"));
        save(c, file);
    }

    /**
     * Validation PSNR over the steps, beside the PSNR of predicting the mean image. Points that are
     * not finite are left out (JFreeChart cannot place them): the mean-image line of a single
     * validation tile (its own mean, so infinite PSNR), a perfect reconstruction.
     */
    static void psnr(List<ValidationLog> validations, double meanImagePsnr, Path file) throws IOException {
        XYSeries s = new XYSeries("validation PSNR");
        XYSeries floor = new XYSeries("mean-image prediction");
        for (ValidationLog v : validations) {
            if (Double.isFinite(v.psnr())) s.add(v.step(), v.psnr());
            if (Double.isFinite(meanImagePsnr)) floor.add(v.step(), meanImagePsnr);
        }
        XYSeriesCollection data = new XYSeriesCollection(s);
        if (floor.getItemCount() > 0) data.addSeries(floor);
        JFreeChart c = ChartFactory.createXYLineChart("Validation PSNR", "step", "PSNR (dB)", data,
                PlotOrientation.VERTICAL, true, false, false);
        ((NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true); // a point per validation
        c.getXYPlot().setRenderer(r);
        save(c, file);
    }

    private static void save(JFreeChart chart, Path file) throws IOException {
        AtomicFiles.write(file, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 900, 500));
    }
}
