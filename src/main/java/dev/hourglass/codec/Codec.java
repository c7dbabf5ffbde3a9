package dev.hourglass.codec;

import dev.hourglass.codec.entropy.AdaptiveModel;
import dev.hourglass.codec.entropy.ArithmeticDecoder;
import dev.hourglass.codec.entropy.ArithmeticEncoder;
import dev.hourglass.codec.entropy.Quantizer;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.codec.format.Header;
import dev.hourglass.codec.format.HgFile;
import dev.hourglass.codec.format.TensorShape;
import dev.hourglass.convmath.Shape;
import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.model.Architecture;
import dev.hourglass.runtime.EncoderDecoder;
import dev.hourglass.runtime.LatentCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Compresses a grayscale image with a trained model into the bytes of an .hg file, and back.
 * Symbols are coded channel by channel, each channel with its own adaptive frequency model over
 * the file's symbol range; the latent first, then the stored skips.
 */
public final class Codec {

    /** A decoded file: the image at its original size and bit depth, and the header it came with. */
    public record Decoded(GrayImage image, int bitDepth, Header header) {
    }

    private Codec() {
    }

    public static byte[] compress(EncoderDecoder probe, GrayImage image, int bitDepth, double step, boolean includeSkips) {
        if (!(step > 0) || Double.isInfinite(step)) throw new IllegalArgumentException("step must be positive but was " + step);
        if (probe.spec().hasSkips() && !includeSkips) {
            throw new CodecException("this model has skip connections: its decoder needs the encoder's skip feature maps as well as"
                    + " the latent, and a file holding only the latent could not be decoded. Use a model without skips, or"
                    + " --include-skips to store the skips too and see their real cost");
        }
        GrayImage padded = Crops.padToMultiple(image, probe.spec().downsampling());
        LatentCode code = probe.encode(padded.pixels(), padded.height(), padded.width());
        List<float[]> tensors = new ArrayList<>();
        List<TensorShape> shapes = new ArrayList<>();
        tensors.add(code.latent());
        TensorShape latent = shape(code.latentShape());
        if (includeSkips) {
            for (int i = 0; i < code.skips().size(); i++) {
                tensors.add(code.skips().get(i));
                shapes.add(shape(code.skipShapes().get(i)));
            }
        }
        List<int[]> q = new ArrayList<>();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (float[] t : tensors) {
            int[] s = new int[t.length];
            for (int i = 0; i < t.length; i++) {
                s[i] = Quantizer.quantize(t[i], step);
                min = Math.min(min, s[i]);
                max = Math.max(max, s[i]);
            }
            q.add(s);
        }
        boolean escape = (long) max - min + 1 > HgFile.MAX_ALPHABET;
        if (escape) { // too many symbols for one alphabet: code the densest range directly, escape the rest
            int[] range = Escapes.coreRange(q, HgFile.MAX_ALPHABET - 1);
            min = range[0];
            max = range[1];
        }
        int alphabet = max - min + 1 + (escape ? 1 : 0);
        ArithmeticEncoder enc = new ArithmeticEncoder();
        List<TensorShape> all = new ArrayList<>(List.of(latent));
        all.addAll(shapes);
        for (int t = 0; t < q.size(); t++) {
            int plane = all.get(t).height() * all.get(t).width();
            for (int c = 0; c < all.get(t).channels(); c++) {
                AdaptiveModel m = new AdaptiveModel(alphabet);
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    int v = q.get(t)[i];
                    if (v >= min && v <= max) {
                        enc.encode(m, v - min);
                    } else {
                        enc.encode(m, alphabet - 1);
                        Escapes.encode(enc, v, min, max);
                    }
                }
            }
        }
        Header h = new Header(probe.fingerprint(), image.width(), image.height(), bitDepth, latent, shapes, step, min, max,
                AdaptiveModel.INCREMENT, escape);
        return HgFile.write(h, enc.finish());
    }

    public static Decoded decompress(EncoderDecoder probe, byte[] file) throws FormatException {
        HgFile.Contents c = HgFile.read(file);
        Header h = c.header();
        byte[] ours = probe.fingerprint();
        if (!Arrays.equals(ours, h.fingerprint())) {
            throw new FormatException("the file was compressed with another model (fingerprint " + HexFormat.of().formatHex(h.fingerprint())
                    + ") than the one given (" + HexFormat.of().formatHex(ours) + "); decode it with the checkpoint that made it");
        }
        int f = probe.spec().downsampling();
        int pw = (h.width() + f - 1) / f * f;
        int ph = (h.height() + f - 1) / f * f;
        Architecture plan = Architecture.plan(probe.spec(), Shape.of(1, probe.spec().inputChannels(), ph, pw));
        requireShape("latent", h.latent(), plan.latent());
        if (!h.skips().isEmpty() || probe.spec().hasSkips()) {
            if (h.skips().size() != plan.skips().size()) {
                throw new FormatException("the file holds " + h.skips().size() + " skip tensors but the model needs " + plan.skips().size());
            }
            for (int i = 0; i < h.skips().size(); i++) requireShape("skip " + i, h.skips().get(i), plan.skips().get(i));
        }
        List<int[]> symbols = symbols(c);
        List<float[]> values = new ArrayList<>();
        for (int[] q : symbols) {
            float[] v = new float[q.length];
            for (int i = 0; i < q.length; i++) v[i] = Quantizer.dequantize(q[i], h.step());
            values.add(v);
        }
        return decode(probe, h, values, pw, ph);
    }

    /**
     * The quantised values q of every tensor in a file (a value is q·Δ), the latent first, then the
     * stored skips, each channel by channel in row-major order: the arithmetic decoding alone,
     * integer arithmetic only, without a network. The header's bounds are checked as for
     * {@link #decompress}, not the fingerprint or the shapes against a model.
     */
    public static List<int[]> symbols(byte[] file) throws FormatException {
        return symbols(HgFile.read(file));
    }

    private static List<int[]> symbols(HgFile.Contents c) throws FormatException {
        Header h = c.header();
        ArithmeticDecoder dec = new ArithmeticDecoder(c.payload());
        List<TensorShape> all = new ArrayList<>(List.of(h.latent()));
        all.addAll(h.skips());
        List<int[]> out = new ArrayList<>();
        int alphabet = h.alphabet();
        try {
            for (TensorShape s : all) {
                int[] q = new int[(int) s.values()];
                int plane = s.height() * s.width();
                for (int ch = 0; ch < s.channels(); ch++) {
                    AdaptiveModel m = new AdaptiveModel(alphabet, h.increment());
                    for (int i = ch * plane; i < (ch + 1) * plane; i++) {
                        int symbol = dec.decode(m);
                        q[i] = h.escape() && symbol == alphabet - 1 ? Escapes.decode(dec, h.minSymbol(), h.maxSymbol())
                                : symbol + h.minSymbol();
                    }
                }
                out.add(q);
            }
        } catch (dev.hourglass.codec.entropy.TruncatedStreamException e) {
            throw new FormatException("corrupt payload: " + e.getMessage());
        }
        return out;
    }

    private static Decoded decode(EncoderDecoder probe, Header h, List<float[]> values, int pw, int ph) {
        float[] out = probe.decode(new LatentCode(values.get(0), dims(h.latent()), values.subList(1, values.size()),
                h.skips().stream().map(Codec::dims).toList()));
        GrayImage full = new GrayImage(pw, ph, out);
        GrayImage img = Crops.cropTopLeft(full, h.width(), h.height());
        float[] px = img.pixels();
        for (int i = 0; i < px.length; i++) px[i] = Math.max(0f, Math.min(1f, px[i]));
        return new Decoded(new GrayImage(h.width(), h.height(), px), h.bitDepth(), h);
    }

    private static void requireShape(String what, TensorShape inFile, Shape planned) throws FormatException {
        if (inFile.channels() != planned.dim(1) || inFile.height() != planned.dim(2) || inFile.width() != planned.dim(3)) {
            throw new FormatException("the " + what + " in the file is " + inFile.channels() + "×" + inFile.height() + "×" + inFile.width()
                    + " but the model produces " + planned.dim(1) + "×" + planned.dim(2) + "×" + planned.dim(3) + " for this image size");
        }
    }

    private static TensorShape shape(long[] chw) {
        return new TensorShape((int) chw[0], (int) chw[1], (int) chw[2]);
    }

    private static long[] dims(TensorShape s) {
        return new long[]{s.channels(), s.height(), s.width()};
    }
}
