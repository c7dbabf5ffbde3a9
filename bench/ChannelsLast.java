import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.ModelRunner;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

import java.util.Arrays;

/**
 * Issue 14's channels-last trial: eval-mode inference of a preset at batch 8 (256×256; or the batch
 * and side given, e.g. 1 896 for one of the codec's tiles with its context), the same
 * weights in PyTorch's default layout (NCHW contiguous) and in channels-last (weights and input),
 * alternating rounds of 10 timed passes after 3 warm-ups; prints the median milliseconds per pass.
 *   java -cp target/hourglass.jar bench/ChannelsLast.java [preset] [rounds] [batch] [side]
 */
public class ChannelsLast {
    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "baseline";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int side = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        ModelRunner plain = ModelRunner.build(Presets.get(preset), DeviceChoice.CPU, 1);
        ModelRunner last = ModelRunner.build(Presets.get(preset), DeviceChoice.CPU, 1);
        try (NoGradGuard g = new NoGradGuard()) {
            TensorVector ps = last.model().parameters();
            for (long i = 0; i < ps.size(); i++) {
                Tensor p = ps.get(i);
                if (p.dim() == 4) p.__dispatch_set_data(p.contiguous(torch.MemoryFormat.ChannelsLast));
            }
        }
        plain.model().eval();
        last.model().eval();
        Tensor x = torch.rand(batch, 1, side, side);
        Tensor xLast = x.contiguous(torch.MemoryFormat.ChannelsLast);
        double[][] ms = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            ms[0][r] = time(plain.model(), x);
            ms[1][r] = time(last.model(), xLast);
        }
        double diff;
        try (InferenceMode m = new InferenceMode(); MemoryScope s = new MemoryScope()) {
            diff = plain.model().forward(x).sub(last.model().forward(xLast)).abs().max().item_double();
        }
        Arrays.sort(ms[0]);
        Arrays.sort(ms[1]);
        System.out.printf("%s batch %d × %d²: contiguous %.1f ms (%.1f–%.1f), channels-last %.1f ms (%.1f–%.1f), max |Δ| %.2e%n", preset, batch, side,
                ms[0][rounds / 2], ms[0][0], ms[0][rounds - 1], ms[1][rounds / 2], ms[1][0], ms[1][rounds - 1], diff);
    }

    private static double time(Autoencoder m, Tensor x) {
        try (InferenceMode g = new InferenceMode()) {
            for (int i = 0; i < 3; i++) pass(m, x);
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) pass(m, x);
            return (System.nanoTime() - t0) / 1e6 / 10;
        }
    }

    /** One pass whose tensors are freed when it returns (without a scope they wait for the garbage collector). */
    private static void pass(Autoencoder m, Tensor x) {
        try (MemoryScope s = new MemoryScope()) {
            m.forward(x).sum().item_double();
        }
    }
}
