package dev.hourglass.convmath;

/**
 * Costs of the element-wise operations between convolutions, per element, with the conventions
 * every table of hourglass states: BatchNorm at inference is one multiply-add (1 MAC, 2 FLOPs);
 * LeakyReLU one compare and one multiply (0 MACs, 2 FLOPs); ReLU one compare (1 FLOP); Sigmoid
 * 1/(1+e^−x) as negate, exp, add, divide (4 FLOPs); a residual addition 1 FLOP; a
 * concatenation copies memory and does no arithmetic (0 FLOPs).
 */
public enum ElementwiseCost {
    BATCH_NORM(1, 2),
    LEAKY_RELU(0, 2),
    RELU(0, 1),
    SIGMOID(0, 4),
    ADD(0, 1),
    CONCAT(0, 0),
    IDENTITY(0, 0),
    /** |x|: clearing a sign (1 FLOP). */
    ABS(0, 1),
    /** Rounding around a median at inference: subtract, round, add (3 FLOPs, no multiply). */
    QUANTIZE(0, 3);

    private final int macsPerElement;
    private final int flopsPerElement;

    ElementwiseCost(int macsPerElement, int flopsPerElement) {
        this.macsPerElement = macsPerElement;
        this.flopsPerElement = flopsPerElement;
    }

    public long macs(long elements) {
        return Exact.multiply("the MAC count", macsPerElement, elements);
    }

    public long flops(long elements) {
        return Exact.multiply("the FLOP count", flopsPerElement, elements);
    }
}
