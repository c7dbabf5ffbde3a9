package dev.hourglass.inspect.html;

import dev.hourglass.inspect.Numbers;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.Comparator;
import java.util.List;

/** The curves of a training run: loss, validation PSNR, and for codec models the rate in bits per pixel. */
final class TrainingFigures {

    private TrainingFigures() {
    }

    static String lossSvg(TrainingRun run) {
        XYSeries s = series("training loss", run.loss());
        boolean log = run.loss().stream().allMatch(p -> p.value() > 0) && s.getItemCount() > 0 && s.getMaxY() / s.getMinY() >= 30; // else linear reads better
        JFreeChart c = SvgChart.styled(ChartFactory.createXYLineChart(null, "step", "loss", new XYSeriesCollection(s),
                PlotOrientation.VERTICAL, false, false, false));
        if (log) {
            c.getXYPlot().setRangeAxis(SvgChart.plainLogAxis("loss (log scale)", c.getXYPlot().getRangeAxis()));
        } else {
            ((NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        }
        c.getXYPlot().getRenderer().setSeriesPaint(0, SvgChart.BLUE);
        return SvgChart.svg(c, 860, 320, "loss");
    }

    static String psnrSvg(TrainingRun run) {
        XYSeriesCollection data = new XYSeriesCollection(series("validation PSNR", run.psnr()));
        JFreeChart c = SvgChart.styled(ChartFactory.createXYLineChart(null, "step", "validation PSNR (dB)", data, PlotOrientation.VERTICAL,
                false, false, false));
        pointsAndLines(c.getXYPlot());
        return SvgChart.svg(c, 860, 320, "psnr");
    }

    static String bppSvg(TrainingRun run) {
        XYSeriesCollection data = new XYSeriesCollection();
        if (!run.trainBpp().isEmpty()) data.addSeries(series("training bpp (noisy latent)", run.trainBpp()));
        if (!run.validationBpp().isEmpty()) data.addSeries(series("validation bpp (rounded latent)", run.validationBpp()));
        JFreeChart c = SvgChart.styled(ChartFactory.createXYLineChart(null, "step", "bits per pixel", data, PlotOrientation.VERTICAL,
                true, false, false));
        pointsAndLines(c.getXYPlot());
        return SvgChart.svg(c, 860, 320, "bpp");
    }

    private static void pointsAndLines(XYPlot plot) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, SvgChart.BLUE);
        r.setSeriesPaint(1, SvgChart.ORANGE);
        plot.setRenderer(r);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    }

    private static XYSeries series(String name, List<TrainingRun.Point> points) {
        XYSeries s = new XYSeries(name, true, false); // a resumed run may log a step twice: the later value wins
        for (TrainingRun.Point p : points) if (Double.isFinite(p.value())) s.addOrUpdate(p.step(), p.value());
        return s;
    }

    static String lossCaption(TrainingRun run) {
        List<TrainingRun.Point> l = run.loss();
        TrainingRun.Point first = l.get(0);
        TrainingRun.Point last = l.get(l.size() - 1);
        TrainingRun.Point min = l.stream().filter(p -> Double.isFinite(p.value())).min(Comparator.comparingDouble(TrainingRun.Point::value)).orElse(last);
        return "Training loss of " + l.size() + " logged steps: " + g(first.value()) + " at step " + first.step() + ", " + g(last.value())
                + " at step " + last.step() + " (lowest " + g(min.value()) + " at step " + min.step() + ")"
                + (run.codec() ? "; the loss is λ·255²·MSE + bpp." : ".");
    }

    static String psnrCaption(TrainingRun run) {
        List<TrainingRun.Point> p = run.psnr();
        TrainingRun.Point first = p.get(0);
        TrainingRun.Point last = p.get(p.size() - 1);
        TrainingRun.Point best = p.stream().max(Comparator.comparingDouble(TrainingRun.Point::value)).orElse(last);
        String ssim = run.ssim().isEmpty() ? "" : "; SSIM " + Numbers.fixed(run.ssim().get(run.ssim().size() - 1).value(), 4) + " at the last one";
        return p.size() + " validations: PSNR " + Numbers.fixed(first.value(), 2) + " dB at step " + first.step() + ", "
                + Numbers.fixed(last.value(), 2) + " dB at step " + last.step() + " (best " + Numbers.fixed(best.value(), 2) + " dB at step "
                + best.step() + ")" + ssim + ".";
    }

    static String bppCaption(TrainingRun run) {
        StringBuilder b = new StringBuilder("Rate of the codec model in bits per pixel");
        if (!run.trainBpp().isEmpty()) {
            List<TrainingRun.Point> t = run.trainBpp();
            b.append(": training (noisy latent) ").append(Numbers.fixed(t.get(0).value(), 3)).append(" at step ").append(t.get(0).step())
                    .append(", ").append(Numbers.fixed(t.get(t.size() - 1).value(), 3)).append(" at step ").append(t.get(t.size() - 1).step());
        }
        if (!run.validationBpp().isEmpty()) {
            List<TrainingRun.Point> v = run.validationBpp();
            b.append(run.trainBpp().isEmpty() ? ": " : "; ").append("validation (rounded latent) ")
                    .append(Numbers.fixed(v.get(v.size() - 1).value(), 3)).append(" at step ").append(v.get(v.size() - 1).step());
        }
        return b.append('.').toString();
    }

    private static String g(double v) {
        return Math.abs(v) >= 0.01 && Math.abs(v) < 1e4 ? Numbers.fixed(v, 4) : String.format(java.util.Locale.ROOT, "%.3e", v);
    }
}
