package dev.hourglass.jmh;

import dev.hourglass.codec.JavaConvolution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;

/**
 * The decoder's Java convolutions (the mean-scale hyper-synthesis's layer shapes) on the latent of
 * a 1024×1024 image (64×64): the 5×5 stride-2 transposed convolution 64 → 64 from 32×32 (0.105
 * GMAC) and the 3×3 convolution 64 → 192 at 64×64 (0.453 GMAC). Scores are calls per second.
 */
@State(Scope.Benchmark)
public class HyperSynthesisBenchmark {

    private float[] small;
    private float[] large;
    private float[] transposedWeight;
    private float[] convWeight;
    private float[] bias64;
    private float[] bias192;

    @Setup
    public void setUp() {
        Random r = new Random(5);
        small = random(r, 64 * 32 * 32);
        large = random(r, 64 * 64 * 64);
        transposedWeight = random(r, 64 * 64 * 25);
        convWeight = random(r, 192 * 64 * 9);
        bias64 = random(r, 64);
        bias192 = random(r, 192);
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    @Benchmark
    public float[] transposed5x5Stride2() {
        return JavaConvolution.convTranspose2d(small, 64, 32, 32, transposedWeight, bias64, 64, 5, 2, 2, 1);
    }

    @Benchmark
    public float[] conv3x3() {
        return JavaConvolution.conv2d(large, 64, 64, 64, convWeight, bias192, 192, 3, 1, 1);
    }
}
