package dev.hourglass.bench;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.ProcessMemory;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ResidentBatch;
import dev.hourglass.train.LossKind;
import dev.hourglass.train.OptimizerKind;
import dev.hourglass.train.TrainableModel;

import java.util.function.LongConsumer;

/**
 * Speed and memory measurements of the real training step and inference, with the input kept on
 * the device: the same work as ../shared/bench/torch_ref.py (Adam at 1e-3, MSE, uniform random
 * input; eval forward without autograd), after warm-up, each run synchronised by reading a scalar
 * back. The step is {@link TrainableModel}'s, the one {@code train} runs (it also computes the
 * gradient norm, which clipping needs).
 */
public final class Benchmark {

    private static final double LR = 1e-3;

    private Benchmark() {
    }

    /** Seconds per training step (zero_grad, forward, MSE, backward, Adam step). */
    public static Timings trainStep(ModelSpec spec, int batch, int warmup, int repeats, DeviceChoice device) {
        TrainableModel t = TrainableModel.create(spec, OptimizerKind.ADAM, LR, 0, device, 0);
        ResidentBatch x = t.runner().randomBatch(batch);
        return Timings.measure(warmup, repeats, () -> t.step(x, LR, LossKind.MSE, 0));
    }

    /** Seconds per batch of eval-mode inference without autograd. */
    public static Timings inference(ModelSpec spec, int batch, int warmup, int repeats, DeviceChoice device) {
        ModelRunner m = ModelRunner.build(spec, device, 0);
        ResidentBatch x = m.randomBatch(batch);
        return Timings.measure(warmup, repeats, () -> m.forwardSum(x));
    }

    /**
     * Resident memory over a long training loop: the RSS before the first step and after every
     * {@code every} steps; {@code progress} hears each sampled step number.
     */
    public static long[] soak(ModelSpec spec, int batch, int steps, int every, DeviceChoice device, LongConsumer progress) {
        TrainableModel t = TrainableModel.create(spec, OptimizerKind.ADAM, LR, 0, device, 0);
        ResidentBatch x = t.runner().randomBatch(batch);
        long[] rss = new long[steps / every + 1];
        rss[0] = ProcessMemory.rssBytes();
        for (int step = 1; step <= steps; step++) {
            t.step(x, LR, LossKind.MSE, 0);
            if (step % every == 0) {
                rss[step / every] = ProcessMemory.rssBytes();
                progress.accept(step);
            }
        }
        return rss;
    }
}
