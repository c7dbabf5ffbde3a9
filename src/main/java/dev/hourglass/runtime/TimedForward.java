package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.model.Autoencoder;
import org.bytedeco.pytorch.NoGradGuard;

import java.util.ArrayList;
import java.util.List;

/**
 * One forward pass of a model with the time each operation took, for {@code bench --profile}: the
 * wall time from the previous operation's end (or the pass's start) to the moment its output is
 * reported. On the CPU libtorch runs each operation synchronously, so its output is complete when
 * it is reported; on CUDA the times would be launch times, not kernel times.
 */
public final class TimedForward {

    /** One operation: its path and kind, and its nanoseconds. */
    public record OpTime(String path, String kind, long nanos) {
    }

    private TimedForward() {
    }

    /**
     * @param training training mode with autograd recording (BatchNorm uses the batch's statistics and
     *                 updates its running ones, as in a training step), else eval mode without autograd
     *                 (BatchNorm unfolded, the model itself); the model's mode is restored afterwards
     */
    public static List<OpTime> run(ModelRunner runner, ResidentBatch x, boolean training) {
        Autoencoder model = runner.model();
        List<OpTime> out = new ArrayList<>();
        try (EvalMode e = EvalMode.enter(model); MemoryScope s = new MemoryScope()) {
            model.train(training);
            NoGradGuard g = training ? null : new NoGradGuard();
            try {
                long[] last = {System.nanoTime()};
                model.forward(x.tensor(), op -> {
                    long now = System.nanoTime();
                    out.add(new OpTime(op.path(), op.kind().name(), now - last[0]));
                    last[0] = now;
                }).sum().item_double();
            } finally {
                if (g != null) g.close();
            }
        }
        return out;
    }
}
