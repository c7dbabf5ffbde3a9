package dev.hourglass.jmh;

import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Phantoms;
import dev.hourglass.metrics.MsSsim;
import dev.hourglass.metrics.Psnr;
import dev.hourglass.metrics.Ssim;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** PSNR, SSIM and MS-SSIM of two 512×512 images (0.26 megapixels): scores are image pairs per second. */
@State(Scope.Benchmark)
public class MetricsBenchmark {

    static final int SIDE = 512;
    private float[] a;
    private float[] b;

    @Setup
    public void setUp() {
        a = Phantoms.generate(1, SIDE, 3).get(0).pixels();
        GrayImage other = Phantoms.generate(1, SIDE, 4).get(0);
        b = new float[a.length];
        for (int i = 0; i < a.length; i++) b[i] = 0.9f * a[i] + 0.1f * other.pixels()[i];
    }

    @Benchmark
    public double psnr() {
        return Psnr.of(a, b, 1);
    }

    @Benchmark
    public double ssim() {
        return Ssim.of(a, b, SIDE, SIDE, 1);
    }

    @Benchmark
    public double msSsim() {
        return MsSsim.of(a, b, SIDE, SIDE, 1);
    }
}
