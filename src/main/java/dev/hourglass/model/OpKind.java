package dev.hourglass.model;

import dev.hourglass.convmath.ElementwiseCost;

/** The kinds of operation a forward pass of the family performs, named as PyTorch names them. */
public enum OpKind {
    CONV2D("Conv2d"),
    CONV_TRANSPOSE2D("ConvTranspose2d"),
    BATCH_NORM("BatchNorm2d"),
    LEAKY_RELU("LeakyReLU"),
    RELU("ReLU"),
    SIGMOID("Sigmoid"),
    CONCAT("cat"),
    GDN("GDN"),
    IGDN("IGDN"),
    ENTROPY_BOTTLENECK("EntropyBottleneck"),
    GAUSSIAN_CONDITIONAL("GaussianConditional"),
    ABS("abs"),
    ADD("add");

    private final String torchName;

    OpKind(String torchName) {
        this.torchName = torchName;
    }

    public String torchName() {
        return torchName;
    }

    public boolean isConv() {
        return this == CONV2D || this == CONV_TRANSPOSE2D;
    }

    /**
     * Cost per output element of an operation that is not a convolution (GDN and IGDN are counted
     * as the 1×1 convolutions they contain, so they have none here).
     */
    public ElementwiseCost cost() {
        return switch (this) {
            case BATCH_NORM -> ElementwiseCost.BATCH_NORM;
            case LEAKY_RELU -> ElementwiseCost.LEAKY_RELU;
            case RELU -> ElementwiseCost.RELU;
            case SIGMOID -> ElementwiseCost.SIGMOID;
            case ADD -> ElementwiseCost.ADD;
            case CONCAT -> ElementwiseCost.CONCAT;
            case ENTROPY_BOTTLENECK, GAUSSIAN_CONDITIONAL -> ElementwiseCost.QUANTIZE;
            case ABS -> ElementwiseCost.ABS;
            case CONV2D, CONV_TRANSPOSE2D, GDN, IGDN -> throw new IllegalStateException(this + " is counted as a convolution");
        };
    }
}
