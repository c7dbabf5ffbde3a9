package dev.hourglass.bench;

import java.util.Arrays;

/** Wall-clock seconds of repeated runs: min, median, max. */
public record Timings(double min, double median, double max, int repeats) {

    static Timings of(double[] seconds) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return new Timings(s[0], median, s[s.length - 1], s.length);
    }

    /** Runs {@code work} {@code warmup} times untimed, then {@code repeats} times timed. */
    static Timings measure(int warmup, int repeats, Runnable work) {
        double[] t = new double[repeats];
        for (int i = -warmup; i < repeats; i++) {
            long t0 = System.nanoTime();
            work.run();
            if (i >= 0) t[i] = (System.nanoTime() - t0) / 1e9;
        }
        return of(t);
    }
}
