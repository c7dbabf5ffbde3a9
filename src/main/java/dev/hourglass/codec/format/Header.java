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
 */
public record Header(byte[] fingerprint, int width, int height, int bitDepth, TensorShape latent, List<TensorShape> skips,
                     double step, int minSymbol, int maxSymbol, int increment) {

    public Header {
        fingerprint = fingerprint.clone();
        skips = List.copyOf(skips);
    }

    @Override
    public byte[] fingerprint() {
        return fingerprint.clone();
    }

    /** Number of quantised values the payload codes: the latent and the stored skips. */
    public long symbolCount() {
        long n = latent.values();
        for (TensorShape s : skips) n += s.values();
        return n;
    }
}
