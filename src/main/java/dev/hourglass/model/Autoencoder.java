package dev.hourglass.model;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/** {@code x ─► encoder ─► latent (+ skips) ─► decoder ─► x̂}, built from a {@link ModelSpec}. */
public final class Autoencoder extends Module {

    private final ModelSpec spec;
    private final Encoder encoder;
    private final Decoder decoder;
    private final EntropyBottleneck entropy; // null without an entropy model

    public Autoencoder(ModelSpec spec) {
        super("Autoencoder");
        this.spec = spec;
        encoder = register_module("encoder", new Encoder(spec));
        decoder = register_module("decoder", new Decoder(spec));
        entropy = spec.hasEntropyModel()
                ? register_module("entropy_bottleneck", new EntropyBottleneck(spec.latentChannels())) : null;
    }

    public ModelSpec spec() {
        return spec;
    }

    public Encoder encoder() {
        return encoder;
    }

    public Decoder decoder() {
        return decoder;
    }

    /** The factorized prior, or null when the spec has no entropy model. */
    public EntropyBottleneck entropyBottleneck() {
        return entropy;
    }

    /**
     * What the decoder receives: the latent itself, or with an entropy model its quantised ŷ
     * (noisy in training mode, rounded in eval mode).
     */
    public Tensor bottleneck(Tensor latent, ForwardObserver obs) {
        if (entropy == null) return latent;
        return Observed.report(obs, "entropy_bottleneck", OpKind.ENTROPY_BOTTLENECK, entropy.quantize(latent), latent);
    }

    public Tensor forward(Tensor x) {
        return forward(x, ForwardObserver.NONE);
    }

    public Tensor forward(Tensor x, ForwardObserver obs) {
        EncoderOutput e = encoder.forward(x, obs);
        return decoder.forward(bottleneck(e.latent(), obs), e.skips(), obs);
    }
}
