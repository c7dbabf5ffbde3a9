package dev.hourglass.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BjontegaardTest {

    private static final double[] RATE = {0.1, 0.2, 0.4, 0.8, 1.6};
    private static final double[] PSNR = {28, 31, 34, 37, 40};

    @Test
    void halfTheRateAtEqualQualityIsMinusFiftyPercent() {
        double[] half = new double[RATE.length];
        for (int i = 0; i < RATE.length; i++) half[i] = RATE[i] / 2;
        assertEquals(-50.0, Bjontegaard.rate(RATE, PSNR, half, PSNR), 1e-9);
        assertEquals(0.0, Bjontegaard.rate(RATE, PSNR, RATE, PSNR), 1e-9);
    }

    @Test
    void plusOneDecibelEverywhereIsPlusOneDb() {
        double[] better = new double[PSNR.length];
        for (int i = 0; i < PSNR.length; i++) better[i] = PSNR[i] + 1;
        assertEquals(1.0, Bjontegaard.psnr(RATE, PSNR, RATE, better), 1e-9);
        // this curve is linear in log-rate, 3 dB per doubling: +1 dB is a rate factor of 2^(-1/3)
        assertEquals((Math.pow(2, -1.0 / 3) - 1) * 100, Bjontegaard.rate(RATE, PSNR, RATE, better), 1e-6);
    }

    @Test
    void tooFewPointsOrNoOverlapIsNaN() {
        assertTrue(Double.isNaN(Bjontegaard.rate(new double[]{1, 2, 3}, new double[]{1, 2, 3}, RATE, PSNR)));
        assertTrue(Double.isNaN(Bjontegaard.rate(RATE, PSNR, RATE, new double[]{50, 51, 52, 53, 54})));
    }
}
