package dev.hourglass.runtime;

import org.bytedeco.pytorch.Tensor;

/**
 * An input batch that stays on the model's device across many runs (benchmarks, memory soaks), so
 * that timing measures the network and not the copy from Java. Created by
 * {@link ModelRunner#randomBatch}, outside any memory scope; its tensor lives as long as this object.
 */
public final class ResidentBatch {

    private final Tensor tensor;
    private final int size;

    ResidentBatch(Tensor tensor, int size) {
        this.tensor = tensor;
        this.size = size;
    }

    /** Images in the batch. */
    public int size() {
        return size;
    }

    /** The native tensor [N, C, H, W]: for {@code runtime} and {@code train} only. */
    public Tensor tensor() {
        return tensor;
    }
}
