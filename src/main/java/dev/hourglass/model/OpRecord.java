package dev.hourglass.model;

import dev.hourglass.convmath.Shape;

import java.util.List;

/**
 * One operation as it actually ran: its module path ({@code encoder.stages.0.conv}, or for the
 * functional concatenation and residual addition a path ending in {@code cat} or {@code add}),
 * its kind, the shapes it received and produced, and the bytes of its output tensor.
 */
public record OpRecord(String path, OpKind kind, List<Shape> inputs, Shape output, long outputBytes) {

    public OpRecord {
        inputs = List.copyOf(inputs);
    }
}
