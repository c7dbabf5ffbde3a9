import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.model.Layers;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.LeakyReLUImpl;
import org.bytedeco.pytorch.LeakyReLUOptions;
import org.bytedeco.pytorch.SigmoidImpl;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorArrayRefOptional;
import org.bytedeco.pytorch.global.torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Issue 14: where the baseline's training step spends its time, operator by operator, forward and
 * backward, in libtorch 2.10 from Java. Each of the course baseline's layers runs alone on an input
 * of its own shape (requiring a gradient, except the image), then backward with a fixed output
 * gradient; medians over the repeats. The counterpart for PyTorch is bench/torch_training_ops.py.
 *   java -cp target/hourglass.jar bench/TrainingOps.java [batch] [repeats] [threads] [nchw|channels-last]
 * Run with the launcher's environment (jemalloc, OMP_WAIT_POLICY=PASSIVE) beside PyTorch by bench/training-ops.sh.
 */
public class TrainingOps {

    record Op(String name, long[] inShape, UnaryOperator<Tensor> f, boolean inputNeedsGrad) {
    }

    public static void main(String[] args) {
        int b = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        boolean channelsLast = args.length > 3 && args[3].equals("channels-last");
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        List<Op> ops = new ArrayList<>();
        int[] enc = {1, 64, 128, 256, 64};
        int side = 256;
        for (int i = 0; i < 4; i++) {
            Conv2dImpl c = conv(enc[i], enc[i + 1]);
            if (channelsLast) c.weight().__dispatch_set_data(c.weight().contiguous(torch.MemoryFormat.ChannelsLast));
            long[] in = {b, enc[i], side, side};
            ops.add(new Op("enc" + i + ".conv", in, c::forward, i > 0));
            side /= 2;
            if (i < 3) addBnAct(ops, "enc" + i, b, enc[i + 1], side);
        }
        int[] dec = {64, 256, 128, 64, 1};
        for (int i = 0; i < 4; i++) {
            ConvTranspose2dImpl c = deconv(dec[i], dec[i + 1]);
            if (channelsLast) c.weight().__dispatch_set_data(c.weight().contiguous(torch.MemoryFormat.ChannelsLast));
            long[] in = {b, dec[i], side, side};
            ops.add(new Op("dec" + i + ".deconv", in, x -> c.forward(x), true));
            side *= 2;
            if (i < 3) addBnAct(ops, "dec" + i, b, dec[i + 1], side);
        }
        SigmoidImpl sig = new SigmoidImpl();
        ops.add(new Op("dec3.sigmoid", new long[]{b, 1, side, side}, sig::forward, true));

        double fwTotal = 0, bwTotal = 0;
        StringBuilder json = new StringBuilder("{\"impl\": \"libtorch-java 2.10\", \"layout\": \"" + (channelsLast ? "channels-last" : "nchw") + "\", \"batch\": " + b + ", \"ops\": [");
        for (Op op : ops) {
            double[] fw = new double[repeats], bw = new double[repeats];
            Tensor x0 = torch.rand(op.inShape);
            if (channelsLast) x0 = dev.hourglass.runtime.ChannelsLast.input(x0); // one channel too, as training runs it
            for (int r = -2; r < repeats; r++) { // two warm-ups
              try (PointerScope scope = new PointerScope()) { // frees this round's tensors, so the next reuses their memory
                Tensor x = x0.detach();
                if (op.inputNeedsGrad) x.requires_grad_(true);
                long t0 = System.nanoTime();
                Tensor y = op.f.apply(x);
                long t1 = System.nanoTime();
                Tensor g = torch.ones_like(y); // in y's layout
                long t2 = System.nanoTime();
                y.backward(g, new BoolOptional(), false, new TensorArrayRefOptional());
                long t3 = System.nanoTime();
                if (r >= 0) {
                    fw[r] = (t1 - t0) / 1e9;
                    bw[r] = (t3 - t2) / 1e9;
                }
              }
            }
            double f = median(fw), w = median(bw);
            fwTotal += f;
            bwTotal += w;
            System.out.printf(java.util.Locale.ROOT, "%-14s %-22s forward %8.2f ms  backward %8.2f ms%n", op.name, Arrays.toString(op.inShape), f * 1e3, w * 1e3);
            json.append(String.format(java.util.Locale.ROOT, "[\"%s\", %.6f, %.6f], ", op.name, f, w));
        }
        System.out.printf(java.util.Locale.ROOT, "total forward %.1f ms, backward %.1f ms%n", fwTotal * 1e3, bwTotal * 1e3);
        System.out.println(json.substring(0, json.length() - 2) + "]}");
    }

    private static void addBnAct(List<Op> ops, String stage, int b, int c, int side) {
        BatchNorm2dImpl bn = new BatchNorm2dImpl(new BatchNormOptions(c));
        bn.train(true);
        LeakyReLUOptions o = new LeakyReLUOptions();
        o.negative_slope().put(0.2);
        LeakyReLUImpl act = new LeakyReLUImpl(o);
        long[] shape = {b, c, side, side};
        ops.add(new Op(stage + ".bn", shape, bn::forward, true));
        ops.add(new Op(stage + ".leaky", shape, act::forward, true));
    }

    private static Conv2dImpl conv(int cin, int cout) {
        return Layers.conv(ConvLayer.conv(cin, cout, 4, 2, 1)); // the course's k4 s2 p1, built as the models build it
    }

    private static ConvTranspose2dImpl deconv(int cin, int cout) {
        return Layers.transposed(ConvLayer.transposed(cin, cout, 4, 2, 1));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; // as Python's statistics.median
    }
}
