package dev.hourglass.backend;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.mm;
import static org.bytedeco.pytorch.global.torch.rand;

/** The practical peak of this machine for libtorch: GFLOP/s of a large float matrix product. */
public final class MatmulPeak {

    private MatmulPeak() {
    }

    /** GFLOP/s of an n×n float matrix product, after one untimed product, over {@code repeats} + 1 products. */
    public static double gflops(int n, int repeats) {
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
}
