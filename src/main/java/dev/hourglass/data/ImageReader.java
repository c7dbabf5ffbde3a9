package dev.hourglass.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Reads PNG, JPEG, BMP, GIF and TIFF files (the JDK's ImageIO readers) as grayscale in [0,1].
 * Gray images are read from their raw samples (8- and 16-bit exactly, never through the
 * gamma-converting sRGB path); colour and palette images become luma with the BT.601 weights
 * Y = 0.299 R + 0.587 G + 0.114 B. Anything unreadable is an {@link ImageLoadException} naming the file.
 */
public final class ImageReader {

    /** Refuse images above this many pixels before decoding them (a corrupt header can claim anything). */
    public static final long MAX_PIXELS = 1L << 28;
    /**
     * The default of {@code --max-pixels} (train, eval): 2^26 = 67,108,864 pixels, e.g. 8192×8192,
     * 256 MiB as the floats a decoded image is kept in.
     */
    public static final long DEFAULT_MAX_PIXELS = 1L << 26;

    private ImageReader() {
    }

    public static LoadedImage read(Path file) throws ImageLoadException {
        return read(file, MAX_PIXELS);
    }

    /**
     * As {@link #read(Path)}, refusing an image whose header claims more than {@code maxPixels}
     * pixels before anything is decoded (the message names {@code --max-pixels}).
     */
    public static LoadedImage read(Path file, long maxPixels) throws ImageLoadException {
        if (maxPixels < 1) throw new IllegalArgumentException("maxPixels must be 1 or more but was " + maxPixels);
        try {
            if (Files.size(file) == 0) {
                throw new ImageLoadException(file + ": empty file");
            }
            try (var ch = Files.newByteChannel(file)) { // ImageIO turns "permission denied" into "no reader": ask first
                ch.position(0);
            }
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ImageLoadException(file + ": cannot read: permission denied", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ImageLoadException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ImageLoadException(file + ": cannot read: " + e.getMessage(), e);
        }
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<javax.imageio.ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ImageLoadException(file + ": not an image in a supported format (PNG, JPEG, BMP, GIF, TIFF)");
            }
            javax.imageio.ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                long pixels = (long) r.getWidth(0) * r.getHeight(0);
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    throw new ImageLoadException(file + ": implausible size " + r.getWidth(0) + "×" + r.getHeight(0));
                }
                if (pixels > maxPixels) {
                    throw new ImageLoadException(file + ": " + r.getWidth(0) + "×" + r.getHeight(0) + " = " + pixels
                            + " pixels, more than --max-pixels " + maxPixels + " (not decoded)");
                }
                ImageReadParam p = r.getDefaultReadParam();
                img = r.read(0, p);
            } finally {
                r.dispose();
            }
        } catch (ImageLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageLoadException(file + ": corrupt or truncated image (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        return toGray(img, file);
    }

    /** The gray values of an image already in memory (8-bit gray, colour as luma). */
    public static GrayImage toGray(BufferedImage img) throws ImageLoadException {
        return toGray(img, Path.of("(in memory)")).image();
    }

    static LoadedImage toGray(BufferedImage img, Path file) throws ImageLoadException {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] px = new float[w * h];
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        int bands = raster.getNumBands();
        boolean gray = !(cm instanceof IndexColorModel) && (bands == 1 || (bands == 2 && cm.hasAlpha()));
        if (gray) {
            int bits = raster.getSampleModel().getSampleSize(0);
            if (bits != 8 && bits != 16 && bits > 0 && bits < 8) {
                // 1-, 2- and 4-bit gray: scale to [0,1] by its own maximum
                double max = (1 << bits) - 1;
                int[] row = new int[w];
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, 0, row);
                    for (int x = 0; x < w; x++) px[y * w + x] = (float) (row[x] / max);
                }
                return new LoadedImage(new GrayImage(w, h, px), 8);
            }
            if (bits != 8 && bits != 16) {
                throw new ImageLoadException(file + ": unsupported " + bits + "-bit gray samples");
            }
            double max = bits == 16 ? 65535.0 : 255.0;
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) px[y * w + x] = (float) (row[x] / max);
            }
            return new LoadedImage(new GrayImage(w, h, px), bits);
        }
        // colour or palette: sRGB components from the colour model, then BT.601 luma
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int c = argb[x];
                double luma = 0.299 * ((c >> 16) & 0xff) + 0.587 * ((c >> 8) & 0xff) + 0.114 * (c & 0xff);
                px[y * w + x] = (float) (luma / 255.0);
            }
        }
        return new LoadedImage(new GrayImage(w, h, px), 8);
    }
}
