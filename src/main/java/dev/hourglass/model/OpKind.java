package dev.hourglass.model;

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
}
