package dev.hourglass.codec;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Convolutions in plain Java for the hyper-synthesis, whose output picks the Gaussian tables: the
 * decoder must compute the very same floats as the encoder, on any machine and thread count, which
 * libtorch does not promise (its kernels sum in orders that depend on the CPU and the threads).
 *
 * <p>Tensors are float arrays in NCHW order with batch 1. Every output element is one double sum in
 * a fixed order: the bias (or 0), then the products input × weight in the order input channel, kernel
 * row, kernel column, each exact in double (a float product has 48 significant bits), rounded to
 * float once at the end. Blocks of output rows are computed in parallel (in the caller's fork-join
 * pool, or the common pool), each element by one thread, so the order never depends on the threads.
 *
 * <p>For speed, each output row gathers the input its kernel taps reach into contiguous double rows
 * ({@link GatheredTaps}), over which the JIT vectorises the sums; a transposed convolution of stride
 * s does this for each of the s interleaved column planes of a row (output columns m·s + r), so
 * that every tap of a plane reads consecutive input columns.
 *
 * <p>Shapes come from the model, never from the user, so a wrong one is a bug:
 * {@link IllegalStateException}.
 */
public final class JavaConvolution {

    /** Tasks per convolution: enough to balance a few threads, few enough to allocate little. */
    private static final int ROW_BLOCKS = 16;

    private JavaConvolution() {
    }

    /**
     * A 2-D convolution (cross-correlation, as PyTorch's conv2d) with square kernel, stride and
     * zero padding.
     *
     * @param in     [c][h][w]
     * @param weight [out][c][k][k]
     * @param bias   [out], or null
     * @return [out][ho][wo] with ho = (h + 2·padding − k)/stride + 1, wo alike
     */
    public static float[] conv2d(float[] in, int c, int h, int w, float[] weight, float[] bias, int out, int k, int stride, int padding) {
        requireShapes(in, c, h, w, weight, bias, out, k, stride, padding);
        if (Math.min(h, w) + 2 * padding < k) {
            throw new IllegalStateException("a " + h + "×" + w + " input with padding " + padding + " is smaller than the kernel " + k);
        }
        int ho = (h + 2 * padding - k) / stride + 1;
        int wo = (w + 2 * padding - k) / stride + 1;
        requireOutput(ho, wo, h, w);
        float[] result = new float[Math.multiplyExact(out, Math.multiplyExact(ho, wo))];
        int kk = k * k;
        forEachRowBlock(ho, (y0, y1) -> {
            GatheredTaps g = new GatheredTaps(c * kk, wo);
            for (int y = y0; y < y1; y++) {
                g.start(wo);
                for (int ci = 0; ci < c; ci++) {
                    for (int ky = 0; ky < k; ky++) {
                        int iy = y * stride - padding + ky;
                        if (iy < 0 || iy >= h) continue;
                        int row = (ci * h + iy) * w;
                        for (int kx = 0; kx < k; kx++) {
                            // output column x reads input column x·stride + shift, when it lies in 0..w−1
                            int shift = kx - padding;
                            int x0 = Math.min(wo, Math.max(0, ceilDiv(-shift, stride)));
                            int x1 = Math.max(x0, Math.min(wo, Math.floorDiv(w - 1 - shift, stride) + 1));
                            double[] tap = g.add((ci * k + ky) * k + kx);
                            Arrays.fill(tap, 0, x0, 0);
                            for (int x = x0; x < x1; x++) tap[x] = in[row + x * stride + shift];
                            Arrays.fill(tap, x1, wo, 0);
                        }
                    }
                }
                g.sum(weight, c * kk, bias, out, result, ho * wo, y * wo, 1);
            }
        });
        return result;
    }

    /**
     * A transposed 2-D convolution (PyTorch's conv_transpose2d): each input pixel adds its value times
     * the kernel to the output at (input position · stride − padding).
     *
     * @param in     [c][h][w]
     * @param weight [c][out][k][k], PyTorch's layout for a transposed convolution
     * @param bias   [out], or null
     * @return [out][ho][wo] with ho = (h − 1)·stride − 2·padding + k + outputPadding, wo alike
     */
    public static float[] convTranspose2d(float[] in, int c, int h, int w, float[] weight, float[] bias, int out, int k, int stride,
                                          int padding, int outputPadding) {
        requireShapes(in, c, h, w, weight, bias, out, k, stride, padding);
        if (outputPadding < 0 || outputPadding >= stride) {
            throw new IllegalStateException("output padding must be in 0.." + (stride - 1) + " for stride " + stride + " but was " + outputPadding);
        }
        int ho = (h - 1) * stride - 2 * padding + k + outputPadding;
        int wo = (w - 1) * stride - 2 * padding + k + outputPadding;
        requireOutput(ho, wo, h, w);
        float[] result = new float[Math.multiplyExact(out, Math.multiplyExact(ho, wo))];
        int kk = k * k;
        int planeWidth = (wo + stride - 1) / stride; // output columns m·stride + r, m < planeWidth
        int reach = (k + stride - 1) / stride;        // kernel rows reaching an output row, columns reaching a plane
        int tapsPerPlane = c * reach * reach;
        forEachRowBlock(ho, (y0, y1) -> {
            GatheredTaps g = new GatheredTaps(tapsPerPlane, planeWidth);
            for (int y = y0; y < y1; y++) {
                for (int r = 0; r < stride && r < wo; r++) {
                    int width = (wo - r + stride - 1) / stride;
                    g.start(width);
                    for (int ci = 0; ci < c; ci++) {
                        for (int ky = 0; ky < k; ky++) {
                            int t = y + padding - ky;         // = iy·stride for the input row that reaches y
                            if (t < 0 || t % stride != 0 || t / stride >= h) continue;
                            int row = (ci * h + t / stride) * w;
                            for (int kx = 0; kx < k; kx++) {
                                // input column ix reaches output column ix·stride + kx − padding = (ix + d)·stride + r
                                if (Math.floorMod(kx - padding, stride) != r) continue;
                                int d = Math.floorDiv(kx - padding, stride);
                                int m0 = Math.min(width, Math.max(0, d));
                                int m1 = Math.max(m0, Math.min(width, w + d));
                                double[] tap = g.add((ci * out * k + ky) * k + kx);
                                Arrays.fill(tap, 0, m0, 0);
                                for (int m = m0; m < m1; m++) tap[m] = in[row + m - d];
                                Arrays.fill(tap, m1, width, 0);
                            }
                        }
                    }
                    g.sum(weight, kk, bias, out, result, ho * wo, y * wo + r, stride);
                }
            }
        });
        return result;
    }

    /** max(0, v) in place; NaN stays NaN. Returns {@code a}. */
    public static float[] relu(float[] a) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] < 0) a[i] = 0;
        }
        return a;
    }

    /** Blocks of output rows, one task each: a fixed split, so it cannot change a result. */
    private static void forEachRowBlock(int rows, RowBlock job) {
        int blocks = Math.min(rows, ROW_BLOCKS);
        IntStream.range(0, blocks).parallel().forEach(b -> job.run((int) ((long) rows * b / blocks), (int) ((long) rows * (b + 1) / blocks)));
    }

    private interface RowBlock {
        void run(int from, int to);
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    private static void requireShapes(float[] in, int c, int h, int w, float[] weight, float[] bias, int out, int k, int stride, int padding) {
        if (c < 1 || h < 1 || w < 1 || out < 1 || k < 1 || stride < 1 || padding < 0) {
            throw new IllegalStateException("convolution of " + c + "×" + h + "×" + w + " to " + out + " channels with kernel " + k
                    + ", stride " + stride + ", padding " + padding + ": sizes, kernel and stride must be ≥ 1 and padding ≥ 0");
        }
        if (in.length != (long) c * h * w) {
            throw new IllegalStateException("input of " + in.length + " values is not " + c + "×" + h + "×" + w);
        }
        if (weight.length != (long) out * c * k * k) {
            throw new IllegalStateException("weight of " + weight.length + " values is not " + out + "×" + c + "×" + k + "×" + k);
        }
        if (bias != null && bias.length != out) {
            throw new IllegalStateException("bias of " + bias.length + " values for " + out + " output channels");
        }
    }

    private static void requireOutput(int ho, int wo, int h, int w) {
        if (ho < 1 || wo < 1) throw new IllegalStateException("a " + h + "×" + w + " input gives an empty " + ho + "×" + wo + " output");
    }
}
