package dev.hourglass.train;

/**
 * Linear warm-up to the peak rate, then half a cosine down to {@code peak·minFraction} at the last
 * step. The warm-up is capped at half the steps ({@link #effectiveWarmup}), so a run shorter than
 * twice its {@code --warmup} still decays to its final rate (uncapped, a run of at most
 * {@code --warmup} steps never left the warm-up).
 */
public record LrSchedule(double peak, int warmupSteps, long totalSteps, double minFraction) {

    /** The warm-up actually used: {@code warmupSteps}, at most half of {@code totalSteps} (rounded down). */
    public int effectiveWarmup() {
        return (int) Math.min(warmupSteps, totalSteps / 2);
    }

    /** Learning rate of step {@code step} (1-based). */
    public double at(long step) {
        int warmup = effectiveWarmup();
        if (warmup > 0 && step <= warmup) {
            return peak * step / warmup;
        }
        long decay = Math.max(1, totalSteps - warmup);
        double t = Math.min(1.0, (double) (step - warmup) / decay);
        double min = peak * minFraction;
        return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * t));
    }
}
