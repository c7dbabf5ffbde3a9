package dev.hourglass.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.hourglass.convmath.ConvLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything that defines one autoencoder of the family; immutable, validated on construction.
 *
 * <p>The encoder has {@code stageChannels.size() + 1} convolution stages: one per entry of
 * {@code stageChannels} (each followed by normalisation and activation) and a last one to
 * {@code latentChannels} (no normalisation or activation: the latent is linear). The decoder
 * mirrors it with transposed convolutions and ends in {@code outputActivation}.
 *
 * @param inputChannels   channels of the image (1 for grayscale)
 * @param imageSize       side of the square training image; must survive every down- and upsampling exactly
 * @param stageChannels   output channels of the hidden encoder stages, e.g. 64,128,256
 * @param latentChannels  channels of the latent (the bottleneck's width)
 * @param kernel          kernel of every stage convolution (4: with stride 2 and padding 1 halves exactly)
 * @param stride          stride of every stage (2 halves the resolution)
 * @param padding         padding of every stage
 * @param norm            normalisation after hidden convolutions
 * @param activation      hidden activation
 * @param negativeSlope   slope of LeakyReLU for x < 0 (0.2, as in DCGAN; ignored for relu)
 * @param outputActivation activation of the reconstruction (sigmoid keeps it in [0,1])
 * @param skips           U-Net concatenation of encoder stage outputs into the decoder
 * @param residualBlocks  residual blocks after each encoder stage and before each decoder stage
 * @param entropyModel    the learned prior of the latent ({@code none}: a plain autoencoder). Optional in
 *                        spec files and left out of the JSON when {@code none}, so the specs and model
 *                        fingerprints written before it existed stay valid
 */
@JsonPropertyOrder({"inputChannels", "imageSize", "stageChannels", "latentChannels", "kernel", "stride", "padding",
        "norm", "activation", "negativeSlope", "outputActivation", "skips", "residualBlocks", "entropyModel"})
public record ModelSpec(int inputChannels, int imageSize, List<Integer> stageChannels, int latentChannels,
                        int kernel, int stride, int padding, Normalization norm, Activation activation,
                        double negativeSlope, OutputActivation outputActivation, SkipMode skips, int residualBlocks,
                        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EntropyModelKind.NoneFilter.class)
                        EntropyModelKind entropyModel) {

    public static final int MAX_RESIDUAL_BLOCKS = 16;

    public ModelSpec {
        positive("inputChannels", inputChannels);
        positive("imageSize", imageSize);
        if (stageChannels == null || stageChannels.isEmpty()) {
            throw new IllegalArgumentException("stageChannels must list at least one stage width but was " + stageChannels);
        }
        for (Integer c : stageChannels) {
            if (c == null || c <= 0) {
                throw new IllegalArgumentException("stageChannels must all be positive but was " + stageChannels);
            }
        }
        stageChannels = List.copyOf(stageChannels);
        positive("latentChannels", latentChannels);
        positive("kernel", kernel);
        positive("stride", stride);
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be 0 or more but was " + padding);
        }
        notNull("norm", norm);
        notNull("activation", activation);
        notNull("outputActivation", outputActivation);
        notNull("skips", skips);
        if (entropyModel == null) entropyModel = EntropyModelKind.NONE; // configs stored before the field existed
        if (activation == Activation.NONE && residualBlocks > 0) {
            throw new IllegalArgumentException("activation none (GDN models) cannot be combined with residual blocks");
        }
        if (entropyModel != EntropyModelKind.NONE && skips == SkipMode.CONCAT) {
            throw new IllegalArgumentException("entropyModel " + entropyModel.key() + " codes the latent only, but skips "
                    + "carry encoder features past it; use skips none with an entropy model");
        }
        if (!(negativeSlope >= 0 && negativeSlope < 1)) {
            throw new IllegalArgumentException("negativeSlope must be in [0, 1) but was " + negativeSlope);
        }
        if (residualBlocks < 0 || residualBlocks > MAX_RESIDUAL_BLOCKS) {
            throw new IllegalArgumentException("residualBlocks must be in 0.." + MAX_RESIDUAL_BLOCKS + " but was " + residualBlocks);
        }
        checkResolutions(imageSize, stageChannels.size() + 1, kernel, stride, padding);
        int latentSide = imageSize / (int) Math.round(Math.pow(stride, stageChannels.size() + 1)); // fields are not assigned yet
        if (entropyModel.hasHyperprior() && latentSide % HYPER_DOWNSAMPLING != 0) {
            throw new IllegalArgumentException("entropyModel " + entropyModel.key() + " halves the latent twice more in its hyper-analysis: imageSize "
                    + imageSize + " gives a latent side of " + latentSide + ", which must be a multiple of " + HYPER_DOWNSAMPLING);
        }
    }

    /** The hyper-analysis shrinks the latent by this factor per side (two stride-2 convolutions). */
    public static final int HYPER_DOWNSAMPLING = 4;

    /** A spec without an entropy model (the plain autoencoders of the course). */
    public ModelSpec(int inputChannels, int imageSize, List<Integer> stageChannels, int latentChannels,
                     int kernel, int stride, int padding, Normalization norm, Activation activation,
                     double negativeSlope, OutputActivation outputActivation, SkipMode skips, int residualBlocks) {
        this(inputChannels, imageSize, stageChannels, latentChannels, kernel, stride, padding, norm, activation,
                negativeSlope, outputActivation, skips, residualBlocks, EntropyModelKind.NONE);
    }

    /**
     * Output padding of the decoder's transposed convolutions: the one value that makes each of them
     * restore exactly the size its encoder stage halved (0 for k4 s2 p1, 1 for k5 s2 p2).
     */
    public int outputPadding() {
        return outputPadding(kernel, stride, padding);
    }

    static int outputPadding(int kernel, int stride, int padding) {
        int op = stride + 2 * padding - kernel;
        return op >= 0 && op < stride ? op : 0;
    }

    public boolean hasEntropyModel() {
        return entropyModel != EntropyModelKind.NONE;
    }

    /**
     * Channels of the hyper-latent z: two thirds of the latent's (Ballé 2018 uses N = 128 beside
     * M = 192), at least 1. Derived, not a spec field, so that specs and fingerprints stay as they were.
     */
    public int hyperChannels() {
        return Math.max(1, latentChannels * 2 / 3);
    }

    /**
     * h_a, latent to hyper-latent: 3×3 stride 1, then two 5×5 stride-2 convolutions, ReLU between them
     * (for mean-scale the input is y, otherwise |y|). Empty without a hyperprior.
     */
    public List<ConvLayer> hyperAnalysisConvs() {
        if (!entropyModel.hasHyperprior()) return List.of();
        int m = latentChannels;
        int n = hyperChannels();
        return List.of(ConvLayer.conv(m, n, 3, 1, 1), ConvLayer.conv(n, n, 5, 2, 2), ConvLayer.conv(n, n, 5, 2, 2));
    }

    /**
     * h_s, hyper-latent to the Gaussian's parameters: two 5×5 stride-2 transposed convolutions and a
     * 3×3 convolution to M scales (hyperprior, then ReLU) or to M scales and M means (mean-scale), ReLU
     * between them. Empty without a hyperprior.
     */
    public List<ConvLayer> hyperSynthesisConvs() {
        if (!entropyModel.hasHyperprior()) return List.of();
        int m = latentChannels;
        int n = hyperChannels();
        int out = entropyModel == EntropyModelKind.MEAN_SCALE ? 2 * m : m;
        return List.of(ConvLayer.transposed(n, n, 5, 2, 2, 1), ConvLayer.transposed(n, n, 5, 2, 2, 1), ConvLayer.conv(n, out, 3, 1, 1));
    }

    /** What a codec pads an image to a multiple of: the downsampling, times the hyper-analysis's with a hyperprior. */
    public int codingMultiple() {
        return entropyModel.hasHyperprior() ? downsampling() * HYPER_DOWNSAMPLING : downsampling();
    }

    /** Number of stride-{@code stride} stages in the encoder (and in the decoder). */
    public int stages() {
        return stageChannels.size() + 1;
    }

    /** Factor by which the encoder shrinks each side: stride^stages (16 for the baseline). */
    public int downsampling() {
        return (int) Math.round(Math.pow(stride, stages()));
    }

    public int latentSize() {
        return imageSize / downsampling();
    }

    public boolean hasSkips() {
        return skips == SkipMode.CONCAT;
    }

    /** Encoder convolutions, input to latent. */
    public List<ConvLayer> encoderConvs() {
        List<ConvLayer> out = new ArrayList<>();
        int in = inputChannels;
        for (int i = 0; i < stages(); i++) {
            int o = i < stageChannels.size() ? stageChannels.get(i) : latentChannels;
            out.add(ConvLayer.conv(in, o, kernel, stride, padding));
            in = o;
        }
        return out;
    }

    /** Output channels of each encoder stage, input to latent (64,128,256,64 for the baseline). */
    public List<Integer> encoderWidths() {
        List<Integer> w = new ArrayList<>(stageChannels);
        w.add(latentChannels);
        return w;
    }

    /** Decoder transposed convolutions, latent to image, with input channels widened by the skips they receive. */
    public List<ConvLayer> decoderConvs() {
        List<ConvLayer> out = new ArrayList<>();
        int n = stageChannels.size();
        int in = latentChannels;
        for (int i = 0; i < stages(); i++) {
            int o = i < n ? stageChannels.get(n - 1 - i) : inputChannels;
            out.add(ConvLayer.transposed(in + skipChannels(i), o, kernel, stride, padding, outputPadding()));
            in = o;
        }
        return out;
    }

    /** Channels of the skip concatenated before decoder stage i (0 for stage 0 or without skips). */
    public int skipChannels(int decoderStage) {
        if (!hasSkips() || decoderStage == 0) {
            return 0;
        }
        return stageChannels.get(stageChannels.size() - decoderStage);
    }

    public ModelSpec withSkips(SkipMode s) {
        return new ModelSpec(inputChannels, imageSize, stageChannels, latentChannels, kernel, stride, padding, norm,
                activation, negativeSlope, outputActivation, s, residualBlocks, entropyModel);
    }

    public ModelSpec withResidualBlocks(int r) {
        return new ModelSpec(inputChannels, imageSize, stageChannels, latentChannels, kernel, stride, padding, norm,
                activation, negativeSlope, outputActivation, skips, r, entropyModel);
    }

    public ModelSpec withWidths(List<Integer> stages, int latent) {
        return new ModelSpec(inputChannels, imageSize, stages, latent, kernel, stride, padding, norm,
                activation, negativeSlope, outputActivation, skips, residualBlocks, entropyModel);
    }

    public ModelSpec withImageSize(int size) {
        return new ModelSpec(inputChannels, size, stageChannels, latentChannels, kernel, stride, padding, norm,
                activation, negativeSlope, outputActivation, skips, residualBlocks, entropyModel);
    }

    public ModelSpec withOutputActivation(OutputActivation a) {
        return new ModelSpec(inputChannels, imageSize, stageChannels, latentChannels, kernel, stride, padding, norm,
                activation, negativeSlope, a, skips, residualBlocks, entropyModel);
    }

    public ModelSpec withNorm(Normalization n) {
        return new ModelSpec(inputChannels, imageSize, stageChannels, latentChannels, kernel, stride, padding, n,
                activation, negativeSlope, outputActivation, skips, residualBlocks, entropyModel);
    }

    public ModelSpec withActivation(Activation a, double slope) {
        return new ModelSpec(inputChannels, imageSize, stageChannels, latentChannels, kernel, stride, padding, norm,
                a, slope, outputActivation, skips, residualBlocks, entropyModel);
    }

    public ModelSpec withEntropyModel(EntropyModelKind e) {
        return new ModelSpec(inputChannels, imageSize, stageChannels, latentChannels, kernel, stride, padding, norm,
                activation, negativeSlope, outputActivation, skips, residualBlocks, e);
    }

    /** Each stage must divide the size by the stride exactly and each decoder stage multiply it back. */
    private static void checkResolutions(int imageSize, int stages, int kernel, int stride, int padding) {
        long factor = 1;
        for (int i = 0; i < stages; i++) {
            factor *= stride;
            if (factor > imageSize) break;
        }
        if (factor > imageSize || imageSize % factor != 0) {
            throw new IllegalArgumentException("imageSize must be divisible by stride^stages = " + stride + "^" + stages
                    + " = " + factor + " but was " + imageSize);
        }
        ConvLayer down = ConvLayer.conv(1, 1, kernel, stride, padding);
        ConvLayer up = ConvLayer.transposed(1, 1, kernel, stride, padding, outputPadding(kernel, stride, padding));
        int size = imageSize;
        for (int i = 0; i < stages; i++) {
            int next;
            try {
                next = down.outputSize(size);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kernel/stride/padding: encoder stage " + (i + 1) + " fails: " + e.getMessage());
            }
            if (next * stride != size || up.outputSize(next) != size) {
                throw new IllegalArgumentException("kernel " + kernel + ", stride " + stride + " and padding " + padding
                        + " must divide the size by the stride exactly and the transposed convolution must restore it: at stage "
                        + (i + 1) + " a side of " + size + " becomes " + next + " and is restored to " + up.outputSize(next)
                        + " (k = s + 2p does it, e.g. k4 s2 p1; or k = s + 2p − 1 with output padding 1, e.g. k5 s2 p2)");
            }
            size = next;
        }
    }

    private static void positive(String field, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(field + " must be positive but was " + v);
        }
    }

    private static void notNull(String field, Object v) {
        if (v == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
    }
}
