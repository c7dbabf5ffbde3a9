package dev.hourglass.data;


import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes grayscale images as PNG through {@link AtomicFiles}, so a failure never leaves a partial file. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** 8-bit grayscale PNG; values are clamped to [0,1] and rounded to 0..255. */
    public static void writePng8(GrayImage img, Path file) throws IOException {
        writePng(img, 8, file);
    }

    /** Grayscale PNG of 8 or 16 bits per pixel; values are clamped to [0,1] and rounded to the full range. */
    public static void writePng(GrayImage img, int bitDepth, Path file) throws IOException {
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16 but was " + bitDepth);
        }
        BufferedImage b = new BufferedImage(img.width(), img.height(),
                bitDepth == 16 ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = b.getRaster();
        int max = bitDepth == 16 ? 65535 : 255;
        int[] row = new int[img.width()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                row[x] = (int) Math.round(Math.max(0, Math.min(1, img.get(x, y))) * max);
            }
            r.setPixels(0, y, img.width(), 1, row);
        }
        // through a stream: ImageIO.write(File) deletes the file first, a device included. Callers that
        // need an atomic replacement pass a temporary file (cli's Outputs, the trainer's AtomicFiles).
        try (OutputStream os = Files.newOutputStream(file)) {
            if (!ImageIO.write(b, "png", os)) throw new IOException("no PNG writer available");
        }
    }
}
