package dev.hourglass.model;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.convmath.ConvLayer;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

import java.util.function.UnaryOperator;

/**
 * {@code x ─► encoder ─► latent (+ skips) ─► decoder ─► x̂}, built from a {@link ModelSpec}. Build it
 * outside any {@link MemoryScope} (the constructor throws otherwise): a scope would free it.
 */
public final class Autoencoder extends Module {

    private final ModelSpec spec;
    private final Encoder encoder;
    private final Decoder decoder;
    private final EntropyBottleneck entropy; // null without an entropy model

    public Autoencoder(ModelSpec spec) {
        this(spec, UnaryOperator.identity());
    }

    /**
     * A model whose decoder convolutions are {@code change}d from what the spec plans: for tests of
     * the checks that must catch a model that does not do what its spec says.
     */
    Autoencoder(ModelSpec spec, UnaryOperator<ConvLayer> change) {
        super(MemoryScope.requireNone("Autoencoder")); // a model lives longer than any scope
        this.spec = spec;
        encoder = register_module("encoder", new Encoder(spec));
        decoder = register_module("decoder", new Decoder(spec, change));
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
