package dev.hourglass.model;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.convmath.ConvLayer;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code x ─► encoder ─► latent (+ skips) ─► decoder ─► x̂}, built from a {@link ModelSpec}. Build it
 * outside any {@link MemoryScope} (the constructor throws otherwise): a scope would free it.
 */
public final class Autoencoder extends Module {

    private final ModelSpec spec;
    private final Encoder encoder;
    private final Decoder decoder;
    private final EntropyBottleneck entropy; // null without an entropy model; with a hyperprior it codes z
    private final HyperPrior hyper;          // null without a hyperprior
    private final List<Gdn> gdns;            // the encoder's GDNs, then the decoder's IGDNs

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
        List<Gdn> all = new ArrayList<>(encoder.gdns());
        all.addAll(decoder.gdns());
        gdns = List.copyOf(all);
        boolean hasHyper = spec.entropyModel().hasHyperprior();
        hyper = hasHyper ? register_module("hyperprior", new HyperPrior(spec)) : null;
        entropy = spec.hasEntropyModel()
                ? register_module("entropy_bottleneck", new EntropyBottleneck(hasHyper ? spec.hyperChannels() : spec.latentChannels())) : null;
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

    /**
     * The factorized prior, or null when the spec has no entropy model. It codes the latent itself,
     * or with a hyperprior the hyper-latent z.
     */
    public EntropyBottleneck entropyBottleneck() {
        return entropy;
    }

    /** The hyper-networks, or null without a hyperprior. */
    public HyperPrior hyperPrior() {
        return hyper;
    }

    /** z = h_a(y) of a latent [B, M, h, w] (eval mode is the caller's); throws without a hyperprior. */
    public Tensor hyperAnalyse(Tensor latent) {
        if (hyper == null) throw new IllegalStateException("the model has no hyperprior");
        return hyper.analyse(latent, ForwardObserver.NONE);
    }

    /** The quantised latent ŷ that the decoder receives, and the bits its entropy model charges for it (with z's, for a hyperprior). */
    public record Quantized(Tensor yHat, Tensor bits) {
    }

    /**
     * Quantises the latent (noise in training mode, rounding in eval mode) and measures its rate:
     * −Σ log2 p(ŷ) with the factorized prior; −Σ log2 p(ŷ | ẑ) − Σ log2 p(ẑ) with a hyperprior.
     */
    public Quantized quantize(Tensor latent, ForwardObserver obs) {
        if (entropy == null) throw new IllegalStateException("a model without an entropy model has no rate");
        if (hyper == null) {
            Tensor yHat = Observed.report(obs, "entropy_bottleneck", OpKind.ENTROPY_BOTTLENECK, entropy.quantize(latent), latent);
            return new Quantized(yHat, entropy.likelihood(yHat).log2().sum().neg());
        }
        Tensor z = hyper.analyse(latent, obs);
        Tensor zHat = Observed.report(obs, "entropy_bottleneck", OpKind.ENTROPY_BOTTLENECK, entropy.quantize(z), z);
        Tensor params = hyper.synthesise(zHat, obs);
        Tensor scales = hyper.scales(params);
        Tensor means = hyper.means(params);
        Tensor yHat = Observed.report(obs, "gaussian_conditional", OpKind.GAUSSIAN_CONDITIONAL,
                GaussianConditional.quantize(latent, means, is_training()), latent);
        Tensor bits = GaussianConditional.likelihood(yHat, scales, means).log2().sum().neg()
                .add(entropy.likelihood(zHat).log2().sum().neg());
        return new Quantized(yHat, bits);
    }

    /**
     * What the decoder receives: the latent itself, or with an entropy model its quantised ŷ
     * (noisy in training mode, rounded in eval mode).
     */
    public Tensor bottleneck(Tensor latent, ForwardObserver obs) {
        if (entropy == null) return latent;
        return quantize(latent, obs).yHat();
    }

    public Tensor forward(Tensor x) {
        return forward(x, ForwardObserver.NONE);
    }

    public Tensor forward(Tensor x, ForwardObserver obs) {
        EncoderOutput e = encoder.forward(x, obs);
        return decoder.forward(bottleneck(e.latent(), obs), e.skips(), obs);
    }

    /** After a backward pass: lets each GDN drop the gradients that would push a bounded parameter further under its bound. */
    public void gateBoundGradients() {
        for (Gdn g : gdns) g.gateBoundGradients();
    }
}
