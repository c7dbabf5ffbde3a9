package dev.hourglass.train;

/** Linear warm-up to the peak rate, then half a cosine down to {@code peak·minFraction} at the last step. */
public record LrSchedule(double peak, int warmupSteps, long totalSteps, double minFraction) {

    /** Learning rate of step {@code step} (1-based). */
    public double at(long step) {
        if (warmupSteps > 0 && step <= warmupSteps) {
            return peak * step / warmupSteps;
        }
        long decay = Math.max(1, totalSteps - warmupSteps);
        double t = Math.min(1.0, (double) (step - warmupSteps) / decay);
        double min = peak * minFraction;
        return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * t));
    }
}
