package dev.hourglass.model;

import java.util.Arrays;

/** Wall-clock seconds of repeated runs: min, median, max. */
public record Timings(double min, double median, double max, int repeats) {

    static Timings of(double[] seconds) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return new Timings(s[0], median, s[s.length - 1], s.length);
    }
}
