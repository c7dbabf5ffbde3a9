package dev.hourglass.runtime;

import dev.hourglass.convmath.Shape;

import java.util.List;

/**
 * One operation of a TorchScript model's forward as it ran: a leaf module ({@code type} is its
 * class), a module run whole because its forward could not be followed (type {@code Foo (whole)}),
 * or a tensor function the walker follows ({@code cat}, {@code add}).
 *
 * @param sources for each input, the index of the operation that produced it, or {@link #IMAGE}
 *                for the model's input, or {@link #OTHER} for a tensor from elsewhere (an attribute)
 */
public record ScriptedOp(String path, String type, List<Shape> inputs, List<Integer> sources, Shape output, long outputBytes) {

    public static final int IMAGE = -1;
    public static final int OTHER = -2;

    public ScriptedOp {
        inputs = List.copyOf(inputs);
        sources = List.copyOf(sources);
    }
}
