import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.ResidentBatch;
import dev.hourglass.train.LossKind;
import dev.hourglass.train.OptimizerKind;
import dev.hourglass.train.TrainableModel;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

import java.util.Arrays;

/**
 * Issue 14's channels-last trial for training: the training step (forward, MSE, backward, Adam) of
 * a preset at batch 8 (256×256), two models from the same seed, one with every 4-D parameter and
 * the batch in channels-last; alternating rounds of 5 timed steps after 2 warm-ups; prints the
 * median milliseconds per step and the losses of the last step of each (they should agree closely).
 *   java -cp target/hourglass.jar bench/ChannelsLastTraining.java [preset] [rounds] [batch]
 */
public class ChannelsLastTraining {
    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "baseline";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        TrainableModel plain = TrainableModel.create(Presets.get(preset), OptimizerKind.ADAM, 1e-3, 0, DeviceChoice.CPU, 1);
        TrainableModel last = TrainableModel.create(Presets.get(preset), OptimizerKind.ADAM, 1e-3, 0, DeviceChoice.CPU, 1);
        ResidentBatch x = plain.runner().randomBatch(batch);
        ResidentBatch xLast = last.runner().randomBatch(batch);
        try (NoGradGuard g = new NoGradGuard()) {
            xLast.tensor().copy_(x.tensor()); // the same batch for both
            TensorVector ps = last.runner().model().parameters();
            for (long i = 0; i < ps.size(); i++) {
                Tensor p = ps.get(i);
                if (p.dim() == 4) p.__dispatch_set_data(p.contiguous(torch.MemoryFormat.ChannelsLast));
            }
            xLast.tensor().__dispatch_set_data(xLast.tensor().contiguous(torch.MemoryFormat.ChannelsLast));
        }
        double[][] ms = new double[2][rounds];
        double[] loss = new double[2];
        for (int r = 0; r < rounds; r++) {
            loss[0] = time(plain, x, ms[0], r);
            loss[1] = time(last, xLast, ms[1], r);
        }
        Arrays.sort(ms[0]);
        Arrays.sort(ms[1]);
        System.out.printf("%s batch %d training step: contiguous %.1f ms (%.1f–%.1f), channels-last %.1f ms (%.1f–%.1f); last losses %.6f / %.6f%n",
                preset, batch, ms[0][rounds / 2], ms[0][0], ms[0][rounds - 1], ms[1][rounds / 2], ms[1][0], ms[1][rounds - 1], loss[0], loss[1]);
    }

    private static double time(TrainableModel t, ResidentBatch x, double[] into, int round) {
        double l = 0;
        for (int i = 0; i < 2; i++) t.step(x, 1e-3, LossKind.MSE, 0);
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) l = t.step(x, 1e-3, LossKind.MSE, 0).loss();
        into[round] = (System.nanoTime() - t0) / 1e6 / 5;
        return l;
    }
}
