package dev.hourglass.inspect.html;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;

/** A JFreeChart drawn as an SVG element (JFreeSVG): its natural size, and a viewBox so that the page can shrink it. */
final class SvgChart {

    static final Color RED = new Color(0xC6, 0x28, 0x28);
    static final Color BLUE = new Color(0x4E, 0x79, 0xA7);
    static final Color ORANGE = new Color(0xF2, 0x8E, 0x2B);
    static final Color GRAY = new Color(0x9A, 0xA3, 0xAF);
    /** Series colours: learned codecs strong, reference codecs muted. */
    static final Color[] LEARNED = {new Color(0xD6, 0x27, 0x28), new Color(0x1F, 0x77, 0xB4), new Color(0x2C, 0xA0, 0x2C), new Color(0x94, 0x67, 0xBD)};
    static final Color[] REFERENCE = {new Color(0x44, 0x44, 0x44), new Color(0x8C, 0x56, 0x4B), new Color(0x17, 0xBE, 0xCF), new Color(0xE3, 0x77, 0xC2)};

    private SvgChart() {
    }

    /** Applies the page's look (white background, sans-serif, light grid lines). */
    static JFreeChart styled(JFreeChart chart) {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        theme.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        theme.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xDD, 0xE2, 0xEA));
        theme.setRangeGridlinePaint(new Color(0xDD, 0xE2, 0xEA));
        theme.apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setOutlineVisible(false);
        return chart;
    }

    /** A log axis whose ticks read as plain numbers at 1, 2, 3… × 10ⁿ (0.2, 0.5, 1, 2) rather than powers with fractional exponents. */
    static LogarithmicAxis plainLogAxis(String label, ValueAxis like) {
        LogarithmicAxis a = new LogarithmicAxis(label);
        a.setTickLabelFont(like.getTickLabelFont());
        a.setLabelFont(like.getLabelFont());
        a.setStrictValuesFlag(false);
        return a;
    }

    /** The chart as {@code <svg>}; {@code id} prefixes its internal ids, so several charts can share a page. */
    static String svg(JFreeChart chart, int width, int height, String id) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    }
}
