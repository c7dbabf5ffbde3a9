package dev.hourglass.codec;

import dev.hourglass.codec.entropy.ScaleTable;
import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.runtime.HyperSynthesisWeights;

/**
 * h_s run in Java: from the decoded hyper-latent ẑ to the scale index (and mean) of every latent
 * element. Encoder and decoder both call it on the same ẑ, which the decoder rebuilds from integers
 * and stored medians; Java's floating point is IEEE-exact and {@link JavaConvolution} sums in a fixed
 * order whatever the thread count, so the indexes agree bit for bit on every machine. Running h_s in
 * libtorch instead would let the two sides disagree (CompressAI's issue #279: other kernels, other
 * roundings, a scale index off by one, blocks of garbage).
 */
final class HyperSynthesis {

    /** Per latent element: the scale table index, and the mean (null for the scale hyperprior). */
    record Conditions(int[] indexes, float[] means) {
    }

    private HyperSynthesis() {
    }

    /** ẑ is [N, zh, zw]; the latent is [M, 4·zh, 4·zw]. */
    static Conditions of(HyperSynthesisWeights w, float[] zHat, int zh, int zw, ScaleTable table) {
        float[] h = zHat;
        int c = w.layers().get(0).inChannels();
        int height = zh;
        int width = zw;
        for (int i = 0; i < w.layers().size(); i++) {
            ConvLayer l = w.layers().get(i);
            if (l.inChannels() != c) throw new IllegalStateException("h_s layer " + i + " expects " + l.inChannels() + " channels, not " + c);
            float[] out = l.isTransposed()
                    ? JavaConvolution.convTranspose2d(h, c, height, width, w.weights().get(i), w.biases().get(i), l.outChannels(), l.kernel(),
                    l.stride(), l.padding(), l.outputPadding())
                    : JavaConvolution.conv2d(h, c, height, width, w.weights().get(i), w.biases().get(i), l.outChannels(), l.kernel(),
                    l.stride(), l.padding());
            height = l.outputSize(height);
            width = l.outputSize(width);
            c = l.outChannels();
            if (i < w.layers().size() - 1 || !w.meanScale()) JavaConvolution.relu(out);
            h = out;
        }
        int m = w.latentChannels();
        int plane = height * width;
        int[] indexes = new int[m * plane];
        for (int i = 0; i < indexes.length; i++) indexes[i] = table.index(h[i]);   // scales first; the table starts at the bound
        float[] means = null;
        if (w.meanScale()) {
            means = new float[m * plane];
            System.arraycopy(h, m * plane, means, 0, means.length);
        }
        return new Conditions(indexes, means);
    }
}
