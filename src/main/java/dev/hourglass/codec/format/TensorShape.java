package dev.hourglass.codec.format;

/** Channels × height × width of a coded tensor (one image, no batch dimension). */
public record TensorShape(int channels, int height, int width) {

    public long values() {
        return (long) channels * height * width;
    }
}
