package dev.hourglass.codec;

import dev.hourglass.codec.entropy.ArithmeticDecoder;
import dev.hourglass.codec.entropy.ArithmeticEncoder;
import dev.hourglass.codec.entropy.GaussianTables;
import dev.hourglass.codec.entropy.ScaleTable;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.model.FrozenTables;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.EncoderDecoder;
import dev.hourglass.runtime.HyperSynthesisWeights;

import java.nio.ByteBuffer;

/**
 * The payload of a hyperprior model (format version 2, flag 1): a u32 length, the hyper-latent
 * stream (ẑ coded with the frozen tables of z's entropy bottleneck, as {@link FrozenTableCoder}
 * codes a factorized latent), then the latent stream (each ŷ coded with the Gaussian table that
 * h_s(ẑ) picks, {@link GaussianConditionalCoder}). The decoder reads ẑ first, runs h_s in Java
 * ({@link HyperSynthesis}) and so knows each element's table before it reads the element.
 */
final class HyperpriorCoder {

    static final ScaleTable SCALES = ScaleTable.standard();
    private static final GaussianTables GAUSSIANS = GaussianTables.of(SCALES);
    /** The fewest bits any value can cost, whichever table codes it. */
    private static final double CHEAPEST_BITS = java.util.stream.IntStream.range(0, GAUSSIANS.size())
            .mapToDouble(GAUSSIANS::minimumBits).min().orElseThrow();

    private HyperpriorCoder() {
    }

    static byte[] encode(EncoderDecoder probe, float[] latent, int m, int lh, int lw, FrozenTables zTables) {
        int zh = lh / ModelSpec.HYPER_DOWNSAMPLING;
        int zw = lw / ModelSpec.HYPER_DOWNSAMPLING;
        int n = zTables.channels();
        float[] z = probe.hyperAnalyse(latent, m, lh, lw);
        if (z.length != n * zh * zw) throw new IllegalStateException("h_a gave " + z.length + " values, not " + n + "×" + zh + "×" + zw);
        byte[] zStream = FrozenTableCoder.encode(z, n, zh * zw, zTables);
        HyperSynthesis.Conditions k = HyperSynthesis.of(weights(probe), FrozenTableCoder.reconstruct(z, n, zh * zw, zTables), zh, zw, SCALES);
        ArithmeticEncoder enc = new ArithmeticEncoder();
        GaussianConditionalCoder.encode(enc, latent, k.means(), k.indexes(), GAUSSIANS);
        byte[] yStream = enc.finish();
        return ByteBuffer.allocate(4 + zStream.length + yStream.length).putInt(zStream.length).put(zStream).put(yStream).array();
    }

    /** The decoded latent ŷ [M, lh, lw]: integers, stored medians and Java arithmetic only. */
    static float[] decode(EncoderDecoder probe, byte[] payload, int m, int lh, int lw, FrozenTables zTables) throws FormatException {
        int zh = lh / ModelSpec.HYPER_DOWNSAMPLING;
        int zw = lw / ModelSpec.HYPER_DOWNSAMPLING;
        if (zh * ModelSpec.HYPER_DOWNSAMPLING != lh || zw * ModelSpec.HYPER_DOWNSAMPLING != lw) {
            throw new FormatException("a hyperprior latent must have sides that are multiples of " + ModelSpec.HYPER_DOWNSAMPLING
                    + " but the file's is " + lh + "×" + lw);
        }
        if (payload.length < 4) throw new FormatException("the payload (" + payload.length + " bytes) is too short to hold its hyper-latent's length");
        int zLength = ByteBuffer.wrap(payload).getInt();
        if (zLength < 0 || zLength > payload.length - 4) {
            throw new FormatException("the hyper-latent stream claims " + Integer.toUnsignedString(zLength) + " bytes but the payload holds "
                    + (payload.length - 4) + " after its length: corrupt or forged file");
        }
        int n = zTables.channels();
        StreamBudget.require(FrozenTableCoder.minimumBits(zTables, (long) zh * zw), zLength, "hyper-latent stream", (long) n * zh * zw, "");
        byte[] zStream = new byte[zLength];
        byte[] yStream = new byte[payload.length - 4 - zLength];
        ByteBuffer.wrap(payload, 4, payload.length - 4).get(zStream).get(yStream);
        // before h_s runs (its work grows with the claimed size): every value costs at least the cheapest table's fewest bits
        long values = (long) m * lh * lw;
        StreamBudget.require(values * CHEAPEST_BITS, yStream.length, "latent stream", values, ", whatever their scales");
        float[] zHat = FrozenTableCoder.decode(zStream, n, zh * zw, zTables);
        HyperSynthesis.Conditions k = HyperSynthesis.of(weights(probe), zHat, zh, zw, SCALES);
        StreamBudget.require(GaussianConditionalCoder.minimumBits(k.indexes(), GAUSSIANS), yStream.length, "latent stream", values, "");
        return GaussianConditionalCoder.decode(new ArithmeticDecoder(yStream), k.means(), k.indexes(), GAUSSIANS);
    }

    private static HyperSynthesisWeights weights(EncoderDecoder probe) {
        HyperSynthesisWeights w = probe.hyperSynthesis();
        if (w == null) throw new IllegalStateException("a hyperprior spec without hyper-synthesis weights");
        return w;
    }
}
