package dev.hourglass.model;

import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.Shape;

import java.util.List;

/**
 * One operation as convmath predicts it from the spec alone: path, kind, input and output shapes,
 * the convolution it is (null for other kinds), its parameter count, and for each input the
 * index of the operation that produced it ({@link #IMAGE} for the model's input).
 */
public record PlannedOp(String path, OpKind kind, List<Shape> inputs, Shape output, ConvLayer conv, long parameters,
                        List<Integer> sources) {

    public static final int IMAGE = -1;

    public PlannedOp {
        inputs = List.copyOf(inputs);
        sources = List.copyOf(sources);
        if (sources.size() != inputs.size()) {
            throw new IllegalStateException("one source per input expected");
        }
    }
}
