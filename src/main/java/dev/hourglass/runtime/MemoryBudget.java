package dev.hourglass.runtime;

import dev.hourglass.backend.ProcessMemory;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.PlannedOp;

import java.util.Locale;

/**
 * An estimate of the memory a model needs, made before any work starts and compared with what the
 * machine has available (MemAvailable of /proc/meminfo), so that a request that cannot fit is
 * refused with a message instead of growing until the operating system kills the process.
 *
 * <p>Activations: the bytes of every operation's output in {@link Architecture#plan} (float32),
 * plus the input, times {@link Mode#activationFactor}: 1 for inference (reconstructing a 12-megapixel
 * image with the baseline in one piece peaked at 9 GB in issue 12; this sum is 8.2 GB), 3 for a training step
 * (the saved activations, their gradients, and the step's temporaries). Parameters: float32 bytes
 * times {@link Mode#parameterFactor}: 1 for inference, 4 for training (weights, gradients, Adam's two
 * moments). The estimate is coarse by design; it catches requests that are too large by a wide margin.
 */
public final class MemoryBudget {

    /** What the memory is for. */
    public enum Mode {
        INFERENCE(1, 1), TRAINING(3, 4);

        public final int activationFactor;
        public final int parameterFactor;

        Mode(int activationFactor, int parameterFactor) {
            this.activationFactor = activationFactor;
            this.parameterFactor = parameterFactor;
        }
    }

    /** An estimate in bytes: activations and parameters, each with its factor applied (saturating at Long.MAX_VALUE). */
    public record Estimate(long activationBytes, long parameterBytes, Mode mode) {
        public long total() {
            return saturatingAdd(activationBytes, parameterBytes);
        }
    }

    private MemoryBudget() {
    }

    /** The estimate for a batch of shape (N, C, H, W) through {@code spec}. */
    public static Estimate estimate(ModelSpec spec, Shape input, Mode mode) {
        Architecture plan = Architecture.plan(spec, input);
        long activations = numel(input);
        for (PlannedOp op : plan.ops()) activations = saturatingAdd(activations, numel(op.output()));
        return new Estimate(times(activations, 4L * mode.activationFactor), times(plan.parameters(), 4L * mode.parameterFactor), mode);
    }

    /** The parameters alone (before a model is built): {@code spec} planned at its own image size, one image. */
    public static Estimate parameters(ModelSpec spec, Mode mode) {
        Architecture plan = Architecture.plan(spec, Shape.of(1, spec.inputChannels(), spec.imageSize(), spec.imageSize()));
        return new Estimate(0, times(plan.parameters(), 4L * mode.parameterFactor), mode);
    }

    /**
     * Refuses what does not fit what the machine has available.
     *
     * @param what names the request in the message, e.g. "train with --batch 4096 of 256×256 crops"
     * @throws InsufficientMemoryException when the estimate exceeds MemAvailable (unknown availability passes)
     */
    public static void require(Estimate e, String what) {
        long available = ProcessMemory.availableBytes();
        if (available < 0 || e.total() <= available) return;
        throw new InsufficientMemoryException(String.format(Locale.ROOT,
                "%s needs an estimated %s (%s: activations %s = every operation's output ×%d, parameters %s ×%d), more than the %s"
                        + " this machine has available (MemAvailable); use a smaller input, batch, image size or model",
                what, bytes(e.total()), e.mode().name().toLowerCase(Locale.ROOT), bytes(e.activationBytes()), e.mode().activationFactor,
                bytes(e.parameterBytes()), e.mode().parameterFactor, bytes(available)));
    }

    /**
     * Estimates for a batch of {@code input} and refuses it when it does not fit. An input the plan
     * cannot take (a skip concatenation of odd sizes) is not estimated: running it says what is wrong.
     */
    public static void require(ModelSpec spec, Shape input, Mode mode, String what) {
        Estimate e;
        try {
            e = estimate(spec, input, mode);
        } catch (IllegalArgumentException unplannable) {
            return;
        }
        require(e, what);
    }

    /** As {@link #require(ModelSpec, Shape, Mode, String)} for a batch of {@code n} images of height × width. */
    public static void require(ModelSpec spec, int n, int height, int width, Mode mode, String what) {
        require(spec, Shape.of(n, spec.inputChannels(), height, width), mode, what);
    }

    /** "2.1 TiB", "350.0 MiB". */
    public static String bytes(long b) {
        if (b == Long.MAX_VALUE) return "more than 8 EiB";
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? b + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static long numel(Shape s) {
        long n = 1;
        for (long d : s.dims()) n = times(n, d);
        return n;
    }

    private static long times(long a, long b) {
        long r = a * b;
        long hi = Math.multiplyHigh(a, b);
        return (hi != 0 || r < 0) ? Long.MAX_VALUE : r;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
