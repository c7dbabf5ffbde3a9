package dev.hourglass.codec;

import dev.hourglass.codec.format.FormatException;
import dev.hourglass.codec.format.HgFileV2;
import dev.hourglass.codec.format.LearnedHeader;
import dev.hourglass.codec.format.TensorShape;
import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.model.FrozenTables;
import dev.hourglass.runtime.EncoderDecoder;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The learned codec (format version 2): {@code x ─► pad ─► g_a ─► round(y − m) ─► frozen-table
 * arithmetic coding ─► file}, and back through g_s, cropped and clamped to [0, 1]. A hyperprior
 * model codes its latent with Gaussians chosen by a coded hyper-latent instead ({@link HyperpriorCoder}).
 * The rate is chosen by the model (its λ), not by a quantisation step: one model, one rate point.
 */
public final class LearnedCodec {

    private LearnedCodec() {
    }

    public static byte[] compress(EncoderDecoder probe, GrayImage image, int bitDepth) {
        return compress(probe, image, bitDepth, Tiling.TILE);
    }

    static byte[] compress(EncoderDecoder probe, GrayImage image, int bitDepth, int tile) {
        FrozenTables tables = tables(probe);
        if ((long) image.width() * image.height() > HgFileV2.MAX_PIXELS || image.width() > HgFileV2.MAX_SIDE
                || image.height() > HgFileV2.MAX_SIDE) {
            throw new CodecException("a " + image.width() + "×" + image.height() + " image is larger than format version 2 holds (sides up to "
                    + HgFileV2.MAX_SIDE + ", at most " + HgFileV2.MAX_PIXELS + " pixels)");
        }
        Analysis a = analyse(probe, image, tile);
        float[] latent = a.latent();
        int lh = a.lh();
        int lw = a.lw();
        boolean hyper = probe.spec().entropyModel().hasHyperprior();
        int channels = hyper ? probe.spec().latentChannels() : tables.channels();
        byte[] payload = hyper ? HyperpriorCoder.encode(probe, latent, channels, lh, lw, tables)
                : FrozenTableCoder.encode(latent, channels, lh * lw, tables);
        return HgFileV2.write(new LearnedHeader(probe.fingerprint(), image.width(), image.height(), bitDepth,
                new TensorShape(channels, lh, lw)), hyper ? HgFileV2.FLAG_HYPERPRIOR : 0, payload);
    }

    public static Codec.Decoded decompress(EncoderDecoder probe, byte[] file) throws FormatException {
        return decompress(probe, file, Tiling.TILE);
    }

    static Codec.Decoded decompress(EncoderDecoder probe, byte[] file, int tile) throws FormatException {
        HgFileV2.Contents c = HgFileV2.read(file);
        LearnedHeader h = c.header();
        if (!Arrays.equals(probe.fingerprint(), h.fingerprint())) {
            throw new FormatException("the file was compressed with another model (fingerprint " + HexFormat.of().formatHex(h.fingerprint())
                    + ") than the one given (" + HexFormat.of().formatHex(probe.fingerprint()) + ")");
        }
        float[] latent = decodeLatent(probe, c);
        int f = probe.spec().downsampling();
        TensorShape s = h.latent();
        float[] px = Tiling.synthesise(probe, latent, s.channels(), s.height(), s.width(), tile);
        return new Codec.Decoded(croppedAndClamped(px, s.width() * f, s.height() * f, h.width(), h.height()), h.bitDepth(), null);
    }

    /**
     * What g_s makes of g_a's latent with no quantisation at all: the transforms' own ceiling, which
     * coding approaches as the rate grows (the codec's reconstruction differs only in that the latent
     * is rounded). A measurement, not a proven bound: g_s was trained on noisy latents.
     * A model whose coded quality is close to it is limited by its networks, not by its rate.
     */
    public static GrayImage unquantised(EncoderDecoder probe, GrayImage image) {
        Analysis a = analyse(probe, image, Tiling.TILE);
        int f = probe.spec().downsampling();
        float[] px = Tiling.synthesise(probe, a.latent(), a.latent().length / (a.lh() * a.lw()), a.lh(), a.lw(), Tiling.TILE);
        return croppedAndClamped(px, a.lw() * f, a.lh() * f, image.width(), image.height());
    }

    /** g_a's latent [C, lh, lw] of an image padded to the model's coding multiple. */
    private record Analysis(float[] latent, int lh, int lw) {
    }

    private static Analysis analyse(EncoderDecoder probe, GrayImage image, int tile) {
        int f = probe.spec().downsampling();
        GrayImage padded = Crops.padToMultiple(image, probe.spec().codingMultiple());
        return new Analysis(Tiling.analyse(probe, padded, tile), padded.height() / f, padded.width() / f);
    }

    private static GrayImage croppedAndClamped(float[] px, int paddedWidth, int paddedHeight, int width, int height) {
        float[] out = Crops.cropTopLeft(new GrayImage(paddedWidth, paddedHeight, px), width, height).pixels();
        for (int i = 0; i < out.length; i++) out[i] = Math.max(0f, Math.min(1f, out[i]));
        return new GrayImage(width, height, out);
    }

    /** The decoded latent ŷ [C, h, w] of a file: integers and stored medians only, identical on every machine. */
    static float[] decodeLatent(EncoderDecoder probe, HgFileV2.Contents c) throws FormatException {
        LearnedHeader h = c.header();
        FrozenTables tables = tables(probe);
        int f = probe.spec().downsampling();
        int multiple = probe.spec().codingMultiple();
        boolean hyper = probe.spec().entropyModel().hasHyperprior();
        TensorShape s = h.latent();
        long lh = (h.height() + multiple - 1L) / multiple * (multiple / f);
        long lw = (h.width() + multiple - 1L) / multiple * (multiple / f);
        int channels = hyper ? probe.spec().latentChannels() : tables.channels();
        if (s.channels() != channels || s.height() != lh || s.width() != lw) {
            throw new FormatException("the latent in the file is " + s.channels() + "×" + s.height() + "×" + s.width() + " but the model makes "
                    + channels + "×" + lh + "×" + lw + " for a " + h.width() + "×" + h.height() + " image");
        }
        if (c.hyperprior() != hyper) {
            throw new FormatException("the file's flags say " + (c.hyperprior() ? "a hyperprior payload" : "a factorized payload")
                    + " but its model is " + probe.spec().entropyModel().key() + ": corrupt file");
        }
        if (hyper) return HyperpriorCoder.decode(probe, c.payload(), channels, (int) lh, (int) lw, tables);
        StreamBudget.require(FrozenTableCoder.minimumBits(tables, lh * lw), c.payload().length, "payload", s.values(), "");
        return FrozenTableCoder.decode(c.payload(), s.channels(), (int) (lh * lw), tables);
    }

    private static FrozenTables tables(EncoderDecoder probe) {
        if (!probe.spec().hasEntropyModel()) {
            throw new CodecException("this model has no entropy model; use the step-quantised codec (format version 1)");
        }
        FrozenTables t = probe.entropyTables();
        if (t == null) {
            throw new CodecException("this model's entropy tables were never frozen; checkpoints written by `hourglass train` have them");
        }
        return t;
    }
}
