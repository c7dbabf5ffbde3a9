package dev.hourglass.codec;

import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageLoadException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Grayscale JPEG through the JDK's ImageIO writer (baseline, 8-bit): the bytes are the real file. */
public final class JpegBaseline {

    private JpegBaseline() {
    }

    /** Encodes at quality 1..100 (ImageIO's 0..1 scale × 100). */
    public static byte[] encode(GrayImage img, int quality) throws IOException {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[img.width()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) row[x] = Math.round(Math.max(0, Math.min(1, img.get(x, y))) * 255);
            b.getRaster().setPixels(0, y, img.width(), 1, row);
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream s = new MemoryCacheImageOutputStream(out)) {
            w.setOutput(s);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality / 100f);
            w.write(null, new IIOImage(b, null, null), p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    public static GrayImage decode(byte[] jpeg) throws IOException {
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(jpeg));
        try {
            return dev.hourglass.data.ImageReader.toGray(b);
        } catch (ImageLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
