package dev.hourglass.runtime;

import dev.hourglass.model.FrozenTables;
import dev.hourglass.model.ModelSpec;

/**
 * What a codec needs from a network, and nothing more: encode one image to its latent code,
 * decode a code back to pixels, and a fingerprint of the weights so that a file is decoded only by
 * the model that wrote it. {@link ModelRunner} implements it for our autoencoders; a TorchScript
 * model or an entropy-model-aware network would implement it the same way.
 */
public interface EncoderDecoder {

    /** The spec of the network: channels, downsampling factor, skips. */
    ModelSpec spec();

    /** Encodes one image (row-major height × width, {@code spec().inputChannels()} channels) in eval mode. */
    LatentCode encode(float[] image, int height, int width);

    /** Decodes a latent (and skips, for a model that has them) in eval mode; returns the image row-major. */
    float[] decode(LatentCode code);

    /**
     * The frozen tables of the network's learned entropy model, or null when it has none or they
     * were never frozen (a learned codec needs them).
     */
    default FrozenTables entropyTables() {
        return null;
    }

    /**
     * z = h_a(latent) of a hyperprior model, for one latent [channels, height, width] in eval mode;
     * [N, height/4, width/4]. Only models with a hyperprior have it.
     */
    default float[] hyperAnalyse(float[] latent, int channels, int height, int width) {
        throw new IllegalStateException("this network has no hyperprior");
    }

    /** h_s of a hyperprior model as plain arrays, or null without a hyperprior. */
    default HyperSynthesisWeights hyperSynthesis() {
        return null;
    }

    /** 16 bytes identifying the weights: two networks decode a file identically only if these match. */
    byte[] fingerprint();
}
