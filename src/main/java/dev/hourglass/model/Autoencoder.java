package dev.hourglass.model;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/** {@code x ─► encoder ─► latent (+ skips) ─► decoder ─► x̂}, built from a {@link ModelSpec}. */
public final class Autoencoder extends Module {

    private final ModelSpec spec;
    private final Encoder encoder;
    private final Decoder decoder;

    public Autoencoder(ModelSpec spec) {
        super("Autoencoder");
        this.spec = spec;
        encoder = register_module("encoder", new Encoder(spec));
        decoder = register_module("decoder", new Decoder(spec));
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

    public Tensor forward(Tensor x) {
        return forward(x, ForwardObserver.NONE);
    }

    public Tensor forward(Tensor x, ForwardObserver obs) {
        EncoderOutput e = encoder.forward(x, obs);
        return decoder.forward(e.latent(), e.skips(), obs);
    }
}
