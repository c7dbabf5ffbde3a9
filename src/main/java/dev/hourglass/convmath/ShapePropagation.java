package dev.hourglass.convmath;

import java.util.ArrayList;
import java.util.List;

/** Shapes of an (N, C, H, W) tensor after each layer of a chain of convolutions. */
public final class ShapePropagation {

    private ShapePropagation() {
    }

    /** Shape after one layer; errors name the layer's expectations. */
    public static Shape apply(ConvLayer layer, Shape input) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("expected an input of shape (N, C, H, W) but got " + input);
        }
        if (input.dim(1) != layer.inChannels()) {
            throw new IllegalArgumentException(layer.describe() + " expects " + layer.inChannels()
                    + " input channels but receives " + input.dim(1) + " (shape " + input + ")");
        }
        int h = layer.outputSize(Math.toIntExact(input.dim(2)));
        int w = layer.outputSize(Math.toIntExact(input.dim(3)));
        return Shape.of(input.dim(0), layer.outChannels(), h, w);
    }

    public static List<Shape> chain(List<ConvLayer> layers, Shape input) {
        List<Shape> shapes = new ArrayList<>();
        Shape s = input;
        for (int i = 0; i < layers.size(); i++) {
            try {
                s = apply(layers.get(i), s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (i + 1) + ": " + e.getMessage(), e);
            }
            shapes.add(s);
        }
        return shapes;
    }
}
