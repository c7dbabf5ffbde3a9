package dev.hourglass.bench;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.MemoryBudget;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ResidentBatch;
import dev.hourglass.runtime.TimedForward;

import java.util.ArrayList;
import java.util.List;

/**
 * Seconds per operation of a forward pass ({@link TimedForward}), to set against PyTorch's
 * per-module times (bench/torch_ops.py). Two modes: eval without autograd (the model itself, BatchNorm unfolded, as
 * bench/torch_ref.py runs PyTorch), and the training-mode forward with autograd recording.
 */
public final class OpProfile {

    /** One operation: its path and kind, and min/median/max seconds over the repeats. */
    public record Row(String path, String kind, Timings seconds) {
    }

    /** The operations of one mode, in execution order, and the whole forward pass's median. */
    public record Result(String arch, int batch, String mode, List<Row> ops, double totalMedianSeconds) {
    }

    private OpProfile() {
    }

    /** @param size image side, or null for the preset's own */
    public static List<Result> run(String arch, int batch, Integer size, int warmup, int repeats, DeviceChoice device) {
        if (repeats < 1 || warmup < 0) throw new IllegalArgumentException("--repeats must be 1 or more and --warmup 0 or more");
        ModelSpec s = size == null ? Presets.get(arch) : Presets.get(arch).withImageSize(size);
        MemoryBudget.require(s, Shape.of(batch, s.inputChannels(), s.imageSize(), s.imageSize()), MemoryBudget.Mode.TRAINING,
                "bench --profile of " + arch + " at batch " + batch);
        ModelRunner runner = ModelRunner.build(s, device, 0);
        ResidentBatch x = runner.randomBatch(batch);
        return List.of(profile(arch, batch, "eval", runner, x, warmup, repeats, false),
                profile(arch, batch, "train-forward", runner, x, warmup, repeats, true));
    }

    private static Result profile(String arch, int batch, String mode, ModelRunner runner, ResidentBatch x, int warmup, int repeats,
                                  boolean train) {
        List<String> paths = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<double[]> times = new ArrayList<>();
        double[] totals = new double[repeats];
        for (int r = -warmup; r < repeats; r++) {
            List<TimedForward.OpTime> ops = TimedForward.run(runner, x, train);
            if (r < 0) continue;
            for (int i = 0; i < ops.size(); i++) {
                if (r == 0) {
                    paths.add(ops.get(i).path());
                    kinds.add(ops.get(i).kind());
                    times.add(new double[repeats]);
                }
                times.get(i)[r] = ops.get(i).nanos() / 1e9;
                totals[r] += ops.get(i).nanos() / 1e9;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) rows.add(new Row(paths.get(i), kinds.get(i), Timings.of(times.get(i))));
        return new Result(arch, batch, mode, rows, Timings.of(totals).median());
    }
}
