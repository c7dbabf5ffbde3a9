package dev.hourglass.inspect.html;

import dev.hourglass.inspect.Numbers;
import dev.hourglass.inspect.Table;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Rate–distortion curves of the learned codecs against JPEG, WebP and JPEG 2000, and their Bjøntegaard deltas. */
final class RdFigures {

    private RdFigures() {
    }

    static boolean hasMsssim(RateDistortion rd) {
        return rd.curves().stream().flatMap(c -> c.points().stream()).anyMatch(p -> Double.isFinite(p.msssim()));
    }

    static String svg(RateDistortion rd, boolean msssim) {
        ToDoubleFunction<RateDistortion.Point> y = msssim ? RateDistortion.Point::msssim : RateDistortion.Point::psnr;
        XYSeriesCollection data = new XYSeriesCollection();
        List<Boolean> learned = new ArrayList<>();
        for (RateDistortion.Curve c : rd.curves()) {
            XYSeries s = new XYSeries(c.codec(), false, true);
            for (RateDistortion.Point p : c.points()) if (p.bpp() > 0 && Double.isFinite(y.applyAsDouble(p))) s.add(p.bpp(), y.applyAsDouble(p));
            if (s.getItemCount() == 0) continue;
            data.addSeries(s);
            learned.add(c.learned());
        }
        JFreeChart c = SvgChart.styled(ChartFactory.createXYLineChart(null, "bits per pixel (log scale)", msssim ? "MS-SSIM" : "PSNR (dB)",
                data, PlotOrientation.VERTICAL, true, false, false));
        XYPlot plot = c.getXYPlot();
        plot.setDomainAxis(SvgChart.plainLogAxis("bits per pixel (log scale)", plot.getDomainAxis()));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int l = 0;
        int ref = 0;
        for (int i = 0; i < learned.size(); i++) {
            r.setSeriesPaint(i, learned.get(i) ? SvgChart.LEARNED[l++ % SvgChart.LEARNED.length] : SvgChart.REFERENCE[ref++ % SvgChart.REFERENCE.length]);
            r.setSeriesStroke(i, learned.get(i) ? new BasicStroke(2.6f)
                    : new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        }
        plot.setRenderer(r);
        return SvgChart.svg(c, 860, 440, msssim ? "rd-msssim" : "rd-psnr");
    }

    static String caption(RateDistortion rd, boolean msssim) {
        StringBuilder b = new StringBuilder(msssim ? "MS-SSIM" : "PSNR").append(" against bits per pixel (real file sizes), mean over ")
                .append(rd.images().size()).append(" image").append(rd.images().size() == 1 ? "" : "s")
                .append("; learned codecs solid, reference codecs dashed. ");
        List<String> parts = new ArrayList<>();
        for (RateDistortion.Curve c : rd.curves()) {
            if (c.points().isEmpty()) continue;
            RateDistortion.Point lo = c.points().get(0);
            RateDistortion.Point hi = c.points().get(c.points().size() - 1);
            parts.add(c.codec() + " from " + Numbers.fixed(lo.bpp(), 3) + " bpp at " + value(lo, msssim) + " to " + Numbers.fixed(hi.bpp(), 3)
                    + " bpp at " + value(hi, msssim));
        }
        b.append(String.join("; ", parts)).append('.');
        if (!msssim) {
            for (RateDistortion.Delta d : rd.deltas()) {
                b.append(' ').append(d.codec()).append(" against ").append(d.reference()).append(": ").append(words(d)).append('.');
            }
        }
        return b.toString();
    }

    private static String value(RateDistortion.Point p, boolean msssim) {
        return msssim ? Numbers.fixed(p.msssim(), 3) : Numbers.fixed(p.psnr(), 2) + " dB";
    }

    static String words(RateDistortion.Delta d) {
        String rate = Double.isNaN(d.bdRatePercent()) ? "BD-rate undefined (the PSNR ranges do not overlap, or a curve has fewer than 4 points)"
                : String.format(Locale.ROOT, "BD-rate %+.1f%% (%s bits for the same PSNR)", d.bdRatePercent(), d.bdRatePercent() < 0 ? "fewer" : "more");
        String psnr = Double.isNaN(d.bdPsnrDb()) ? "BD-PSNR undefined"
                : String.format(Locale.ROOT, "BD-PSNR %+.2f dB at the same rate", d.bdPsnrDb());
        return rate + ", " + psnr;
    }

    static Table deltas(RateDistortion rd) {
        Table t = new Table("Codec", "Against", ">BD-rate %", ">BD-PSNR dB");
        for (RateDistortion.Delta d : rd.deltas()) {
            t.row(d.codec(), d.reference(), Double.isNaN(d.bdRatePercent()) ? "n/a" : String.format(Locale.ROOT, "%+.1f", d.bdRatePercent()),
                    Double.isNaN(d.bdPsnrDb()) ? "n/a" : String.format(Locale.ROOT, "%+.2f", d.bdPsnrDb()));
        }
        return t;
    }

    static Table points(RateDistortion rd) {
        Table t = new Table("Codec", ">Setting", ">bpp", ">PSNR dB", ">MS-SSIM");
        for (RateDistortion.Curve c : rd.curves()) {
            for (RateDistortion.Point p : c.points()) {
                t.row(c.codec(), Numbers.jump(p.setting()), Numbers.fixed(p.bpp(), 4), Numbers.fixed(p.psnr(), 2),
                        Double.isFinite(p.msssim()) ? Numbers.fixed(p.msssim(), 4) : "-");
            }
        }
        return t;
    }
}
