package dev.hourglass.model;

import org.bytedeco.pytorch.Tensor;

import java.util.List;

/**
 * What the encoder returns: the latent and, for a model with skips, the outputs of the hidden
 * stages from highest to lowest resolution (empty otherwise).
 */
public record EncoderOutput(Tensor latent, List<Tensor> skips) {

    public EncoderOutput {
        skips = List.copyOf(skips);
    }
}
