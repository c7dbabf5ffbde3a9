package dev.hourglass.codec.entropy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalCdfTest {

    /** x and Φ(x) to 17+ digits (mpmath at 40 digits), on both sides of the switch between methods. */
    private static final double[][] KNOWN = {
            {0, 0.5}, {1, 0.8413447460685429}, {-1, 0.15865525393145707}, {-3, 0.0013498980316301035},
            {-6, 9.865876450376946e-10}, {-10, 7.61985302416047e-24}, {2.5, 0.9937903346742238},
            {-0.7, 0.24196365222307301}, {0.3, 0.61791142218895264}, {-1.5, 0.066807201268858066},
            {-1.53125, 0.062853808858251863}, {-2, 0.022750131948179207}, {-4.5, 3.3976731247300604e-6},
            {-20, 2.7536241186062337e-89}, {-37, 5.7255712225245768e-300}};

    @Test
    void knownValuesToWithin1e14Relative() {
        for (double[] k : KNOWN) {
            double got = NormalCdf.cdf(k[0]);
            assertEquals(k[1], got, 1e-14 * k[1], "Φ(" + k[0] + ")");
        }
        assertEquals(0.9999999999999993779, NormalCdf.cdf(8), 1e-16, "upper tail: 1 − Φ(−8), exact to the last bit of 1");
    }

    @Test
    void bothHalvesSumToOne() {
        for (double x = 0; x <= 9; x += 1.0 / 64) {
            assertEquals(1.0, NormalCdf.cdf(x) + NormalCdf.cdf(-x), 4e-16, "x = " + x);
        }
    }

    @Test
    void increasingAcrossTheSwitchAndSaneAtTheEnds() {
        double previous = 0;
        for (double x = -38; x <= 9; x += 1.0 / 1024) {
            double p = NormalCdf.cdf(x);
            assertTrue(p >= previous, "Φ must not decrease at " + x);
            previous = p;
        }
        double below = NormalCdf.cdf(Math.nextDown(NormalCdf.SERIES_LIMIT * -1));
        double at = NormalCdf.cdf(-NormalCdf.SERIES_LIMIT);
        assertEquals(at, below, 1e-14 * at, "the two methods meet");
        assertEquals(0, NormalCdf.cdf(-40));
        assertEquals(0, NormalCdf.cdf(Double.NEGATIVE_INFINITY));
        assertEquals(1, NormalCdf.cdf(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(NormalCdf.cdf(Double.NaN)));
        assertEquals(0.3989422804014327, NormalCdf.density(0), 1e-17);
    }
}
