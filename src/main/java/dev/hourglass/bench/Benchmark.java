package dev.hourglass.model;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Devices;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.ProcessMemory;
import dev.hourglass.backend.Torch;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.function.LongConsumer;

import static org.bytedeco.pytorch.global.torch.mm;
import static org.bytedeco.pytorch.global.torch.mse_loss;
import static org.bytedeco.pytorch.global.torch.rand;

/**
 * Speed measurements with tensors kept native: the same work as ../shared/bench/torch_ref.py
 * (Adam, MSE, uniform random input; eval forward without autograd), after warm-up, each repeat
 * synchronised by reading a scalar back.
 */
public final class Benchmark {

    private Benchmark() {
    }

    /** Seconds per training step (zero_grad, forward, MSE, backward, Adam step). */
    public static Timings trainStep(ModelSpec spec, int batch, int warmup, int repeats, DeviceChoice device) {
        Torch.seed(0);
        Autoencoder m = new Autoencoder(spec);
        Device d = Devices.resolve(device);
        m.to(d, false);
        Adam opt = new Adam(m.parameters(), new AdamOptions(1e-3));
        m.train(true);
        Tensor x = rand(batch, spec.inputChannels(), spec.imageSize(), spec.imageSize()).to(d, ScalarType.Float);
        double[] t = new double[repeats];
        for (int i = -warmup; i < repeats; i++) {
            long t0 = System.nanoTime();
            try (MemoryScope s = new MemoryScope()) {
                opt.zero_grad();
                Tensor loss = mse_loss(m.forward(x), x);
                loss.backward();
                opt.step();
                loss.item_double();
            }
            if (i >= 0) t[i] = (System.nanoTime() - t0) / 1e9;
        }
        return Timings.of(t);
    }

    /** Seconds per batch of eval-mode inference without autograd. */
    public static Timings inference(ModelSpec spec, int batch, int warmup, int repeats, DeviceChoice device) {
        Torch.seed(0);
        Autoencoder m = new Autoencoder(spec);
        Device d = Devices.resolve(device);
        m.to(d, false);
        m.eval();
        Tensor x = rand(batch, spec.inputChannels(), spec.imageSize(), spec.imageSize()).to(d, ScalarType.Float);
        double[] t = new double[repeats];
        try (NoGradGuard g = new NoGradGuard()) {
            for (int i = -warmup; i < repeats; i++) {
                long t0 = System.nanoTime();
                try (MemoryScope s = new MemoryScope()) {
                    m.forward(x).sum().item_double();
                }
                if (i >= 0) t[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        return Timings.of(t);
    }

    /** GFLOP/s of an n×n float matrix product, the practical peak of this machine for libtorch. */
    public static double matmulGflops(int n, int repeats) {
        Torch.load();
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor a = rand(n, n);
            Tensor b = rand(n, n);
            mm(a, b).sum().item_double();
            long t0 = System.nanoTime();
            for (int i = 0; i < repeats; i++) mm(a, b);
            mm(a, b).sum().item_double();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return (repeats + 1) * 2.0 * n * n * (double) n / seconds / 1e9;
        }
    }

    /**
     * Resident memory over a long training loop: the RSS before the first step and after every
     * {@code every} steps; {@code progress} hears each sampled step number.
     */
    public static long[] soak(ModelSpec spec, int batch, int steps, int every, DeviceChoice device, LongConsumer progress) {
        Torch.seed(0);
        Autoencoder m = new Autoencoder(spec);
        Device d = Devices.resolve(device);
        m.to(d, false);
        Adam opt = new Adam(m.parameters(), new AdamOptions(1e-3));
        Tensor x = rand(batch, spec.inputChannels(), spec.imageSize(), spec.imageSize()).to(d, ScalarType.Float);
        long[] rss = new long[steps / every + 1];
        rss[0] = ProcessMemory.rssBytes();
        for (int step = 1; step <= steps; step++) {
            try (MemoryScope s = new MemoryScope()) {
                opt.zero_grad();
                Tensor loss = mse_loss(m.forward(x), x);
                loss.backward();
                opt.step();
            }
            if (step % every == 0) {
                rss[step / every] = ProcessMemory.rssBytes();
                progress.accept(step);
            }
        }
        return rss;
    }
}
