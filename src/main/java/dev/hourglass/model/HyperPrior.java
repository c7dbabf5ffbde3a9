package dev.hourglass.model;

import dev.hourglass.convmath.ConvLayer;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ModuleListImpl;
import org.bytedeco.pytorch.Tensor;

import java.util.List;

import static org.bytedeco.pytorch.global.torch.relu;

/**
 * The hyper-networks of Ballé et al. 2018 (scale hyperprior) and Minnen et al. 2018 (mean-scale):
 * h_a turns the latent into a small side latent z, h_s turns the quantised ẑ into the parameters
 * of the Gaussian that codes each latent element. Layers as {@link ModelSpec#hyperAnalysisConvs()}
 * and {@link ModelSpec#hyperSynthesisConvs()} plan them. z itself is coded by the model's
 * {@link EntropyBottleneck}, which {@link Autoencoder} owns.
 *
 * <pre>
 *   z = h_a(|y|)   (mean-scale: h_a(y))          [B, N, h/4, w/4]
 *   h_s(ẑ) → σ     (hyperprior, ReLU at the end)  [B, M, h, w]
 *   h_s(ẑ) → σ, μ  (mean-scale: 2M channels, σ first)
 * </pre>
 */
public final class HyperPrior extends Module {

    /** The h_s layer that outputs the Gaussian's parameters (σ, then μ for mean-scale), by its module path. */
    public static final String PARAMETERS_LAYER = "hyperprior.h_s.2";

    /** The h_a layer that outputs the hyper-latent z, by its module path. */
    public static final String HYPER_LATENT_LAYER = "hyperprior.h_a.2";

    private final boolean meanScale;
    private final int latentChannels;
    private final Conv2dImpl[] analysis = new Conv2dImpl[3];
    private final Module[] synthesis = new Module[3];     // two transposed convolutions, one convolution
    private final List<ConvLayer> synthesisLayers;

    /** Built outside any memory scope, as part of an {@link Autoencoder}. */
    HyperPrior(ModelSpec spec) {
        super("HyperPrior");
        meanScale = spec.entropyModel() == EntropyModelKind.MEAN_SCALE;
        latentChannels = spec.latentChannels();
        ModuleListImpl ha = register_module("h_a", new ModuleListImpl());
        List<ConvLayer> a = spec.hyperAnalysisConvs();
        for (int i = 0; i < 3; i++) {
            analysis[i] = Layers.conv(a.get(i));
            ha.push_back(analysis[i]);
        }
        ModuleListImpl hs = register_module("h_s", new ModuleListImpl());
        synthesisLayers = spec.hyperSynthesisConvs();
        for (int i = 0; i < 3; i++) {
            ConvLayer l = synthesisLayers.get(i);
            synthesis[i] = l.isTransposed() ? Layers.transposed(l) : Layers.conv(l);
            hs.push_back(synthesis[i]);
        }
    }

    public boolean meanScale() {
        return meanScale;
    }

    /** z from the latent y. */
    Tensor analyse(Tensor y, ForwardObserver obs) {
        Tensor h = meanScale ? y : Observed.report(obs, "hyperprior.abs", OpKind.ABS, y.abs(), y);
        for (int i = 0; i < 3; i++) {
            String p = "hyperprior.h_a." + i;
            h = Observed.report(obs, p, OpKind.CONV2D, analysis[i].forward(h), h);
            if (i < 2) h = Observed.report(obs, p + ".act", OpKind.RELU, relu(h), h);
        }
        return h;
    }

    /** The Gaussian's parameters from ẑ: [B, M, h, w] scales, or [B, 2M, h, w] scales then means. */
    Tensor synthesise(Tensor zHat, ForwardObserver obs) {
        Tensor h = zHat;
        for (int i = 0; i < 3; i++) {
            String p = "hyperprior.h_s." + i;
            ConvLayer l = synthesisLayers.get(i);
            Tensor out = l.isTransposed() ? ((ConvTranspose2dImpl) synthesis[i]).forward(h) : ((Conv2dImpl) synthesis[i]).forward(h);
            h = Observed.report(obs, p, l.isTransposed() ? OpKind.CONV_TRANSPOSE2D : OpKind.CONV2D, out, h);
            if (i < 2 || !meanScale) h = Observed.report(obs, p + ".act", OpKind.RELU, relu(h), h);
        }
        return h;
    }

    /** σ of the synthesised parameters, not yet bounded below ({@link GaussianConditional#likelihood} bounds it). */
    Tensor scales(Tensor params) {
        return meanScale ? params.narrow(1, 0, latentChannels) : params;
    }

    /** μ of the synthesised parameters, or null for the scale hyperprior (zero means). */
    Tensor means(Tensor params) {
        return meanScale ? params.narrow(1, latentChannels, latentChannels) : null;
    }

    /** Weight of h_s layer i ([out, in, k, k] for a convolution, [in, out, k, k] for a transposed one). */
    public Tensor synthesisWeight(int i) {
        return synthesis[i] instanceof ConvTranspose2dImpl t ? t.weight() : ((Conv2dImpl) synthesis[i]).weight();
    }

    /** Bias of h_s layer i. */
    public Tensor synthesisBias(int i) {
        return synthesis[i] instanceof ConvTranspose2dImpl t ? t.bias() : ((Conv2dImpl) synthesis[i]).bias();
    }

    /** The h_s layers as planned. */
    public List<ConvLayer> synthesisLayers() {
        return synthesisLayers;
    }
}
