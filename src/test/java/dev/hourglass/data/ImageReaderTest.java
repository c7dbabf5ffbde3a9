package dev.hourglass.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageReaderTest {

    @TempDir
    Path dir;

    private Path write(BufferedImage img, String format, String name) throws Exception {
        Path p = dir.resolve(name);
        assertTrue(ImageIO.write(img, format, p.toFile()), "no writer for " + format);
        return p;
    }

    @Test
    void sixteenBitGrayIsExact() throws Exception {
        BufferedImage b = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        b.getRaster().setPixels(0, 0, 3, 2, new int[]{0, 1234, 65535, 40000, 1, 32768});
        LoadedImage img = ImageReader.read(write(b, "png", "g16.png"));
        assertEquals(16, img.bitDepth());
        assertEquals(1234 / 65535.0, img.image().get(1, 0), 1e-7);
        assertEquals(1 / 65535.0, img.image().get(1, 1), 1e-9);
        LoadedImage tiff = ImageReader.read(write(b, "tiff", "g16.tif"));
        assertEquals(16, tiff.bitDepth());
        assertEquals(40000 / 65535.0, tiff.image().get(0, 1), 1e-7);
    }

    @Test
    void eightBitGrayIsReadWithoutGammaConversion() throws Exception {
        BufferedImage b = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        b.getRaster().setPixels(0, 0, 4, 1, new int[]{0, 10, 128, 255});
        for (String f : List.of("png", "bmp", "gif", "tiff")) {
            LoadedImage img = ImageReader.read(write(b, f, "g8." + f));
            assertEquals(10 / 255.0, img.image().get(1, 0), 1e-6, f); // an sRGB round trip would change 10
            assertEquals(128 / 255.0, img.image().get(2, 0), 1e-6, f);
        }
    }

    @Test
    void colourAndPaletteBecomeBt601Luma() throws Exception {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFF0000);
        rgb.setRGB(1, 0, 0x336699);
        LoadedImage a = ImageReader.read(write(rgb, "png", "rgb.png"));
        assertEquals(0.299, a.image().get(0, 0), 1e-6);
        assertEquals((0.299 * 0x33 + 0.587 * 0x66 + 0.114 * 0x99) / 255, a.image().get(1, 0), 1e-6);
        IndexColorModel palette = new IndexColorModel(2, 2, new byte[]{0, (byte) 255}, new byte[]{0, 0}, new byte[]{0, (byte) 255});
        BufferedImage p = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        p.getRaster().setSample(1, 0, 0, 1);
        LoadedImage pi = ImageReader.read(write(p, "png", "pal.png"));
        assertEquals((0.299 * 255 + 0.114 * 255) / 255, pi.image().get(1, 0), 1e-6);
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x8000FF00);
        assertEquals(0.587, ImageReader.read(write(argb, "png", "argb.png")).image().get(0, 0), 1e-6);
        BufferedImage jpeg = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        Arrays.fill(((java.awt.image.DataBufferByte) jpeg.getRaster().getDataBuffer()).getData(), (byte) 100);
        assertEquals(100 / 255.0, ImageReader.read(write(jpeg, "jpg", "g.jpg")).image().get(5, 5), 2 / 255.0);
    }

    @Test
    void badFilesAreNamedErrors() throws Exception {
        BufferedImage b = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        byte[] png = Files.readAllBytes(write(b, "png", "ok.png"));
        Path truncated = dir.resolve("truncated.png");
        Files.write(truncated, Arrays.copyOf(png, png.length / 2));
        Path empty = dir.resolve("empty.png");
        Files.write(empty, new byte[0]);
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not an image");
        Path corrupt = dir.resolve("corrupt.png");
        byte[] bad = png.clone();
        for (int i = 40; i < bad.length - 20; i++) bad[i] = (byte) (i * 31);
        Files.write(corrupt, bad);
        for (Path p : List.of(truncated, empty, text, corrupt)) {
            ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageReader.read(p), p.toString());
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        }
    }
}
