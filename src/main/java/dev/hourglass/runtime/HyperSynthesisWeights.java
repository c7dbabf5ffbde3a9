package dev.hourglass.runtime;

import dev.hourglass.convmath.ConvLayer;

import java.util.List;

/**
 * The hyper-synthesis h_s of a hyperprior model as plain arrays, for the codec, which runs it in
 * Java so that encoder and decoder derive the same Gaussian scales on every machine: per layer,
 * its plan, its weight (PyTorch's layout: [out, in, k, k] for a convolution, [in, out, k, k] for a
 * transposed one) and its bias. ReLU follows every layer but the last of a mean-scale model.
 */
public record HyperSynthesisWeights(List<ConvLayer> layers, List<float[]> weights, List<float[]> biases, boolean meanScale,
                                    int latentChannels) {

    public HyperSynthesisWeights {
        layers = List.copyOf(layers);
        weights = List.copyOf(weights);
        biases = List.copyOf(biases);
        if (weights.size() != layers.size() || biases.size() != layers.size()) {
            throw new IllegalStateException(layers.size() + " layers but " + weights.size() + " weights and " + biases.size() + " biases");
        }
    }
}
