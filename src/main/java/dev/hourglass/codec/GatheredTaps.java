package dev.hourglass.codec;

import java.util.Arrays;

/**
 * The inner work of {@link JavaConvolution}, for one output row: the input values each kernel tap
 * (input channel, kernel row, kernel column) sends to the row, gathered as contiguous double rows,
 * and the weighted sums over them for every output channel.
 *
 * <p>Why gather: Java 17's JIT vectorises {@code acc[x] += w * row[x]} only when both arrays are
 * doubles (it does not vectorise float → double) indexed alike (it cannot rule out that two arrays
 * of one type overlap at different offsets). Gathering costs one pass per tap and row, shared by all
 * output channels; the sums then run at SIMD speed, four output channels per pass over the taps.
 * Each output value is still bias + Σ_t w_t·row_t[x] added in tap order, lane by lane, so vector
 * width and thread count never change a bit.
 */
final class GatheredTaps {

    private static final int BLOCK = 4; // output channels per pass over the gathered rows

    private final double[][] rows;
    private final int[] weightAt;
    private final double[][] acc;
    private int taps;
    private int width;

    GatheredTaps(int maxTaps, int maxWidth) {
        rows = new double[maxTaps][maxWidth];
        weightAt = new int[maxTaps];
        acc = new double[BLOCK][maxWidth];
    }

    /** Starts a new output row of {@code width} values, with no taps yet. */
    void start(int width) {
        this.width = width;
        taps = 0;
    }

    /**
     * Adds a tap whose weight for output channel o is {@code weight[o·stride + weightOffset]} (the
     * stride is given to {@link #sum}); returns its row of {@code width} values, for the caller to fill.
     */
    double[] add(int weightOffset) {
        weightAt[taps] = weightOffset;
        return rows[taps++];
    }

    /**
     * For every output channel o: result[o·resultStride + at + x·step] =
     * (float) (bias[o] + Σ_t weight[o·weightStride + offset_t]·row_t[x]), t in the order added.
     */
    void sum(float[] weight, int weightStride, float[] bias, int out, float[] result, int resultStride, int at, int step) {
        int n = width;
        int o = 0;
        for (; o + BLOCK <= out; o += BLOCK) {
            double[] a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
            for (int j = 0; j < BLOCK; j++) Arrays.fill(acc[j], 0, n, bias == null ? 0 : bias[o + j]);
            for (int t = 0; t < taps; t++) {
                int w = o * weightStride + weightAt[t];
                double w0 = weight[w], w1 = weight[w + weightStride], w2 = weight[w + 2 * weightStride], w3 = weight[w + 3 * weightStride];
                double[] row = rows[t];
                for (int x = 0; x < n; x++) {
                    double v = row[x];
                    a0[x] += w0 * v;
                    a1[x] += w1 * v;
                    a2[x] += w2 * v;
                    a3[x] += w3 * v;
                }
            }
            for (int j = 0; j < BLOCK; j++) write(acc[j], result, (o + j) * resultStride + at, step);
        }
        for (; o < out; o++) {
            double[] a = acc[0];
            Arrays.fill(a, 0, n, bias == null ? 0 : bias[o]);
            for (int t = 0; t < taps; t++) {
                double w = weight[o * weightStride + weightAt[t]];
                double[] row = rows[t];
                for (int x = 0; x < n; x++) a[x] += w * row[x];
            }
            write(a, result, o * resultStride + at, step);
        }
    }

    private void write(double[] a, float[] result, int at, int step) {
        for (int x = 0; x < width; x++) result[at + x * step] = (float) a[x];
    }
}
