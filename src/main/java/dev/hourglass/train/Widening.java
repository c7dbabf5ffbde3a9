package dev.hourglass.train;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.Encoder;
import dev.hourglass.model.Gdn;
import dev.hourglass.model.HyperPrior;
import dev.hourglass.runtime.WeightTensor;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringSharedModuleDict;
import org.bytedeco.pytorch.StringSharedModuleDictItem;
import org.bytedeco.pytorch.StringTensorDict;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Places a trained tensor into the same tensor of a wider, freshly initialised model, so that the
 * wider model starts out computing what the narrower one did (Chen, Goodfellow, Shlens 2016,
 * "Net2Net", with zeros instead of copies): every channel the narrow model had keeps its trained
 * weights, the weights from a new input channel into an old output channel are zero, and the new
 * output channels keep their seeded initialisation, so they can learn, except the new channels of
 * the latent y and the hyper-latent z, which start at 0. Reconstructions are unchanged at the start,
 * and the rate is the narrow model's plus what coding those zeros costs. Residual blocks after the
 * latent convolution add seeded values to the new channels.
 */
public final class Widening {

    /**
     * Where a tensor's channels are: its output-channel dimension, its input-channel dimension (-1:
     * none, as for a bias), the number of equal blocks its output channels come in (2 for the
     * mean-scale hyper-synthesis, σ then μ), and the stored value that makes a weight from a new
     * input into an old output contribute nothing (0, but the clamp's bound for GDN's γ).
     */
    public record Layout(int outDim, int inDim, int outBlocks, float zero, boolean newOutputsZero) {

        public Layout(int outDim, int inDim, int outBlocks) {
            this(outDim, inDim, outBlocks, 0f, false);
        }

        public Layout(int outDim, int inDim, int outBlocks, float zero) {
            this(outDim, inDim, outBlocks, zero, false);
        }
    }

    private Widening() {
    }

    /**
     * The layout of each parameter of {@code model} that can be widened: convolutions, transposed
     * convolutions (whose weights are [in, out, k, k]), BatchNorm, GDN and IGDN, and the factorized
     * prior's per-channel filters. Others are absent and are taken only when their shapes match.
     */
    public static Map<String, Layout> layouts(Autoencoder model) {
        Map<String, Layout> out = new HashMap<>();
        boolean meanScale = model.hyperPrior() != null && model.hyperPrior().meanScale();
        String latent = Encoder.latentLayer(model.spec());
        try (MemoryScope scope = new MemoryScope()) { // frees the dictionary, its items, their names and module handles
            StringSharedModuleDict nm = model.named_modules();
            for (long i = 0; i < nm.size(); i++) {
                StringSharedModuleDictItem item = nm.get(i);
                if (item.key() == null) continue; // the root
                String path = item.key().getString();
                Module m = item.value();
                String kind = m.name().getString();
                int blocks = meanScale && path.equals(HyperPrior.PARAMETERS_LAYER) ? 2 : 1;
                // new latent channels start at 0: random ones cost bits, and their rate's gradient pulls at the trained
                // layers. h_s's σ and μ rows for them stay seeded: started at 0 too, σ sat at its bound while training
                // moved the new latents off 0, and the real rate exploded (README, Hyperprior and mean-scale)
                if (path.equals(latent) || path.equals(HyperPrior.HYPER_LATENT_LAYER)) {
                    out.put(path + ".weight", new Layout(0, 1, blocks, 0f, true));
                    out.put(path + ".bias", new Layout(0, -1, blocks, 0f, true));
                } else if (m.asConv2d() != null) {
                    out.put(path + ".weight", new Layout(0, 1, blocks));
                    out.put(path + ".bias", new Layout(0, -1, blocks));
                } else if (m.asConvTranspose2d() != null) {
                    out.put(path + ".weight", new Layout(1, 0, blocks));
                    out.put(path + ".bias", new Layout(0, -1, blocks));
                } else if (m.asBatchNorm2d() != null) {
                    for (String p : new String[]{"weight", "bias", "running_mean", "running_var"}) out.put(path + "." + p, new Layout(0, -1, 1));
                } else if (kind.equals("GDN") || kind.equals("IGDN")) {
                    out.put(path + ".beta", new Layout(0, -1, 1));
                    out.put(path + ".gamma", new Layout(0, 1, 1, Gdn.STORED_ZERO_GAMMA));
                } else if (kind.equals("EntropyBottleneck")) { // every parameter is per channel, channel first
                    StringTensorDict own = m.named_parameters(false);
                    for (long j = 0; j < own.size(); j++) out.put(path + "." + own.get(j).key().getString(), new Layout(0, -1, 1));
                }
            }
        }
        return out;
    }

    /**
     * {@code mine} (seeded) with {@code theirs} placed in it, or empty when {@code theirs} does not
     * fit: another rank, an integer tensor, a dimension that is not a channel dimension and differs,
     * or a channel dimension where theirs is the larger.
     */
    public static Optional<WeightTensor> widen(WeightTensor mine, WeightTensor theirs, Layout l) {
        long[] a = mine.shape();
        long[] b = theirs.shape();
        if (mine.integer() || theirs.integer() || a.length != b.length || l.outDim >= a.length || l.inDim >= a.length) return Optional.empty();
        for (int d = 0; d < a.length; d++) {
            if (d == l.outDim || d == l.inDim ? b[d] > a[d] : b[d] != a[d]) return Optional.empty();
        }
        if (a[l.outDim] % l.outBlocks != 0 || b[l.outDim] % l.outBlocks != 0) return Optional.empty();
        long blockMine = a[l.outDim] / l.outBlocks;
        long blockTheirs = b[l.outDim] / l.outBlocks;
        float[] out = mine.floats().clone();
        float[] src = theirs.floats();
        long[] idx = new long[a.length];
        for (int flat = 0; flat < out.length; flat++) {
            unravel(flat, a, idx);
            long o = idx[l.outDim];
            long block = o / blockMine;
            long within = o % blockMine;
            if (within >= blockTheirs) { // a new output channel: its seeded values, or 0 for a new latent channel
                if (l.newOutputsZero) out[flat] = 0f;
                continue;
            }
            if (l.inDim >= 0 && idx[l.inDim] >= b[l.inDim]) {
                out[flat] = l.zero; // a new input channel into an old output: nothing, so old outputs are unchanged
                continue;
            }
            idx[l.outDim] = block * blockTheirs + within;
            out[flat] = src[(int) ravel(idx, b)];
        }
        return Optional.of(new WeightTensor(mine.name(), a, out, null));
    }

    private static void unravel(long flat, long[] shape, long[] idx) {
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    private static long ravel(long[] idx, long[] shape) {
        long flat = 0;
        for (int d = 0; d < shape.length; d++) flat = flat * shape[d] + idx[d];
        return flat;
    }
}
