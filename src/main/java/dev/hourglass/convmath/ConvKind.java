package dev.hourglass.convmath;

/** A forward convolution (Conv2d) or a transposed one (ConvTranspose2d). */
public enum ConvKind {
    CONV("Conv2d"),
    TRANSPOSED("ConvTranspose2d");

    private final String torchName;

    ConvKind(String torchName) {
        this.torchName = torchName;
    }

    /** The PyTorch class name, as users know it. */
    public String torchName() {
        return torchName;
    }
}
