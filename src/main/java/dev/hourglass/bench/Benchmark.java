package dev.hourglass.bench;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.MatmulPeak;
import dev.hourglass.backend.ProcessMemory;
import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.OpKind;
import dev.hourglass.model.PlannedOp;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.MemoryBudget;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ResidentBatch;
import dev.hourglass.train.LossKind;
import dev.hourglass.train.OptimizerKind;
import dev.hourglass.train.TrainConfig;
import dev.hourglass.train.TrainableModel;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * Training step and inference of each preset at each batch size, against the matmul peak.
     *
     * @param size image side, or null for each preset's own
     * @param unfolded time inference without BatchNorm folding and InferenceMode, as it ran before them
     */
    public static BenchResults run(List<String> archs, List<Integer> batches, Integer size, int warmup, int repeats,
                                   DeviceChoice device, boolean unfolded) {
        if (repeats < 1 || warmup < 0) throw new IllegalArgumentException("--repeats must be 1 or more and --warmup 0 or more");
        for (String arch : archs) { // every configuration fits, or none runs
            ModelSpec s = spec(arch, size);
            for (int b : batches) {
                MemoryBudget.require(s, Shape.of(b, s.inputChannels(), s.imageSize(), s.imageSize()), MemoryBudget.Mode.TRAINING,
                        "bench of " + arch + " at batch " + b + " and size " + s.imageSize());
            }
        }
        double peak = MatmulPeak.gflops(2048, 5);
        List<BenchResults.Row> rows = new ArrayList<>();
        for (String arch : archs) {
            ModelSpec s = spec(arch, size);
            long[] macs = macsPerImage(s);
            for (int b : batches) {
                if (b < 1) throw new IllegalArgumentException("batch sizes must be 1 or more but got " + b);
                rows.add(row(arch, s, b, macs, trainStep(s, b, warmup, repeats, device), inference(s, b, warmup, repeats, device, unfolded), peak));
            }
        }
        return new BenchResults(Torch.version(), Torch.threads(), peak, rows, ProcessMemory.peakRssBytes());
    }

    private static BenchResults.Row row(String arch, ModelSpec s, int b, long[] macs, Timings train, Timings infer, double peak) {
        long all = macs[0];
        return new BenchResults.Row(arch, b, s.imageSize(), train, infer, b / train.median(), b / infer.median(), all,
                3 * 2.0 * all * b / train.median() / 1e9, 2.0 * all * b / infer.median() / 1e9,
                2.0 * macs[1] * b / infer.median() / 1e9 / peak);
    }

    /** {all MACs, convolution MACs} of one image, from convmath (BatchNorm counted as 1 MAC per element). */
    static long[] macsPerImage(ModelSpec s) {
        long conv = 0;
        long all = 0;
        for (PlannedOp op : Architecture.plan(s, Shape.of(1, s.inputChannels(), s.imageSize(), s.imageSize())).ops()) {
            long m = op.conv() != null ? op.conv().macs((int) op.inputs().get(0).dim(2), (int) op.inputs().get(0).dim(3))
                    : op.kind() == OpKind.BATCH_NORM ? op.output().numel() : 0;
            all += m;
            if (op.conv() != null) conv += m;
        }
        return new long[]{all, conv};
    }

    private static ModelSpec spec(String arch, Integer size) {
        return size == null ? Presets.get(arch) : Presets.get(arch).withImageSize(size);
    }

    /** Resident memory over {@code steps} training steps of {@code arch}, sampled 20 times. */
    public static SoakResults soak(String arch, Integer size, int batch, int steps, DeviceChoice device) {
        ModelSpec s = spec(arch, size);
        MemoryBudget.require(s, Shape.of(batch, s.inputChannels(), s.imageSize(), s.imageSize()), MemoryBudget.Mode.TRAINING,
                "bench --soak of " + arch + " at batch " + batch + " and size " + s.imageSize());
        int every = Math.max(1, steps / 20);
        long t0 = System.nanoTime();
        long[] rss = soak(s, batch, steps, every, device, step -> { });
        // growth after warm-up: from the sample at 10% of the run to the last one
        long growth = rss[rss.length - 1] - rss[Math.min(2, rss.length - 1)];
        return new SoakResults(arch, s.imageSize(), batch, steps, every, rss, growth, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Seconds per training step (zero_grad, forward, MSE, backward, Adam step); for a model with an
     * entropy model, the rate–distortion step {@code train} runs (λ {@value TrainConfig#DEFAULT_LAMBDA},
     * with the likelihoods and the auxiliary step), whose batch comes from a Java array as in training.
     */
    public static Timings trainStep(ModelSpec spec, int batch, int warmup, int repeats, DeviceChoice device) {
        TrainableModel t = TrainableModel.create(spec, OptimizerKind.ADAM, LR, 0, device, 0);
        Runnable step = trainingStep(t, spec, batch);
        return Timings.measure(warmup, repeats, step);
    }

    private static Runnable trainingStep(TrainableModel t, ModelSpec spec, int batch) {
        if (spec.hasEntropyModel()) {
            int side = spec.imageSize();
            float[] x = new float[batch * spec.inputChannels() * side * side];
            java.util.Random random = new java.util.Random(0);
            for (int i = 0; i < x.length; i++) x[i] = random.nextFloat();
            return () -> t.stepRateDistortion(x, batch, side, side, LR, TrainConfig.DEFAULT_LAMBDA, 0, 1);
        }
        ResidentBatch x = t.runner().randomBatch(batch);
        return () -> t.step(x, LR, LossKind.MSE, 0);
    }

    /** Seconds per batch of eval-mode inference as the codec and reconstruct run it, or {@code unfolded} as before folding. */
    public static Timings inference(ModelSpec spec, int batch, int warmup, int repeats, DeviceChoice device, boolean unfolded) {
        ModelRunner m = ModelRunner.build(spec, device, 0);
        ResidentBatch x = m.randomBatch(batch);
        return Timings.measure(warmup, repeats, () -> {
            if (unfolded) m.forwardSumUnfolded(x);
            else m.forwardSum(x);
        });
    }

    /**
     * Resident memory over a long training loop: the RSS before the first step and after every
     * {@code every} steps; {@code progress} hears each sampled step number.
     */
    public static long[] soak(ModelSpec spec, int batch, int steps, int every, DeviceChoice device, LongConsumer progress) {
        TrainableModel t = TrainableModel.create(spec, OptimizerKind.ADAM, LR, 0, device, 0);
        Runnable trainingStep = trainingStep(t, spec, batch);
        long[] rss = new long[steps / every + 1];
        rss[0] = ProcessMemory.rssBytes();
        for (int step = 1; step <= steps; step++) {
            trainingStep.run();
            if (step % every == 0) {
                rss[step / every] = ProcessMemory.rssBytes();
                progress.accept(step);
            }
        }
        return rss;
    }
}
