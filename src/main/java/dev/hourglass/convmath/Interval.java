package dev.hourglass.convmath;

/** A closed range of integer positions [lo, hi] along one spatial axis. */
public record Interval(long lo, long hi) {

    public Interval {
        if (hi < lo) {
            throw new IllegalArgumentException("empty interval [" + lo + ", " + hi + "]");
        }
    }

    public static Interval point(long p) {
        return new Interval(p, p);
    }

    public long size() {
        return hi - lo + 1;
    }

    public Interval union(Interval o) {
        return new Interval(Math.min(lo, o.lo), Math.max(hi, o.hi));
    }

    /** Clipped to [0, length − 1], the positions that exist in a map of that length. */
    public Interval clip(long length) {
        return new Interval(Math.max(0, lo), Math.min(length - 1, Math.max(hi, 0)));
    }

    @Override
    public String toString() {
        return "[" + lo + ", " + hi + "]";
    }
}
