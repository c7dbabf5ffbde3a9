package dev.hourglass.codec.format;

import java.util.List;

/**
 * Everything in a compressed file besides the entropy-coded payload.
 *
 * @param fingerprint     16 bytes identifying the model's spec and weights; decoding with any other model is refused
 * @param width           original image width in pixels (before padding)
 * @param height          original image height
 * @param bitDepth        8 or 16, the bit depth of the original and of the decoded PNG
 * @param latent          shape of the quantised latent
 * @param skips           shapes of skip tensors stored after the latent (empty unless compressed with --include-skips)
 * @param step            quantisation step Δ: symbol q stands for the value q·Δ
 * @param minSymbol       smallest quantised value in the file (the coder's alphabet is minSymbol..maxSymbol)
 * @param maxSymbol       largest quantised value
 * @param increment       adaptive-model increment used by the coder
 * @param escape          flag bit 1: the alphabet has one more symbol after maxSymbol, the escape, followed by a
 *                        direction bit and the Elias-gamma distance of a value outside minSymbol..maxSymbol (FORMAT.md)
 */
public record Header(byte[] fingerprint, int width, int height, int bitDepth, TensorShape latent, List<TensorShape> skips,
                     double step, int minSymbol, int maxSymbol, int increment, boolean escape) {

    /** A header without escapes: every value lies in minSymbol..maxSymbol. */
    public Header(byte[] fingerprint, int width, int height, int bitDepth, TensorShape latent, List<TensorShape> skips,
                  double step, int minSymbol, int maxSymbol, int increment) {
        this(fingerprint, width, height, bitDepth, latent, skips, step, minSymbol, maxSymbol, increment, false);
    }

    public Header {
        fingerprint = fingerprint.clone();
        skips = List.copyOf(skips);
    }

    @Override
    public byte[] fingerprint() {
        return fingerprint.clone();
    }

    /** Symbols of the coder's alphabet: maxSymbol − minSymbol + 1, and the escape when there is one. */
    public int alphabet() {
        return maxSymbol - minSymbol + 1 + (escape ? 1 : 0);
    }

    /** Number of quantised values the payload codes: the latent and the stored skips. */
    public long symbolCount() {
        long n = latent.values();
        for (TensorShape s : skips) n += s.values();
        return n;
    }
}
