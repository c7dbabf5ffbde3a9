package dev.hourglass.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes grayscale images as PNG, atomically (temporary file, then rename). */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** 8-bit grayscale PNG; values are clamped to [0,1] and rounded to 0..255. */
    public static void writePng8(GrayImage img, Path file) throws IOException {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = b.getRaster();
        int[] row = new int[img.width()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                row[x] = (int) Math.round(Math.max(0, Math.min(1, img.get(x, y))) * 255);
            }
            r.setPixels(0, y, img.width(), 1, row);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            if (!ImageIO.write(b, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
