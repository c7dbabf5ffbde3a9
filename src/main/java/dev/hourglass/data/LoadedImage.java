package dev.hourglass.data;

/** An image read from a file: its pixels in [0,1] and the bit depth of the file's gray samples (8 or 16). */
public record LoadedImage(GrayImage image, int bitDepth) {
}
