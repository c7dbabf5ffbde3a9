package dev.hourglass.runtime;

import java.util.List;

/**
 * What the encoder produces for one image, as plain arrays: the latent [C, h, w] and, for a
 * model with skips, the skip tensors (highest resolution first), each with its shape.
 */
public record LatentCode(float[] latent, long[] latentShape, List<float[]> skips, List<long[]> skipShapes) {

    public LatentCode {
        skips = List.copyOf(skips);
        skipShapes = List.copyOf(skipShapes);
    }
}
