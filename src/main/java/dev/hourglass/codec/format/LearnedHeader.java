package dev.hourglass.codec.format;

/**
 * The header of a version-2 file (a model with a learned entropy model): which model, which image,
 * which latent. Everything else the decoder needs is in the model's frozen tables.
 *
 * @param fingerprint 16 bytes identifying the model (spec, weights and frozen tables)
 * @param width       original image width in pixels (before padding)
 * @param height      original image height
 * @param bitDepth    8 or 16, the bit depth of the original and of the decoded PNG
 * @param latent      shape of the coded latent
 */
public record LearnedHeader(byte[] fingerprint, int width, int height, int bitDepth, TensorShape latent) {

    public LearnedHeader {
        fingerprint = fingerprint.clone();
    }

    @Override
    public byte[] fingerprint() {
        return fingerprint.clone();
    }
}
