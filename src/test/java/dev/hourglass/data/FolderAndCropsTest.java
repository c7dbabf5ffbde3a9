package dev.hourglass.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderAndCropsTest {

    @Test
    void folderSkipsAndCountsBadFilesAndSplitsBySeed(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        List<GrayImage> ph = Phantoms.generate(5, 32, 1);
        for (int i = 0; i < 5; i++) ImageFiles.writePng8(ph.get(i), dir.resolve(i % 2 == 0 ? "sub" : ".").resolve("p" + i + ".png"));
        Files.write(dir.resolve("zero.png"), new byte[0]);
        Files.writeString(dir.resolve("readme.txt"), "hello");
        ImageFolder f = ImageFolder.load(dir, 0.2, 7, 2);
        assertEquals(2, f.skipped().size());
        assertEquals(4, f.train().size());
        assertEquals(1, f.validation().size());
        ImageFolder again = ImageFolder.load(dir, 0.2, 7, 1);
        assertEquals(f.validation().get(0).file(), again.validation().get(0).file());
    }

    @Test
    void emptyOrUnusableFoldersFailBeforeTraining(@TempDir Path dir) throws Exception {
        IOException empty = assertThrows(IOException.class, () -> ImageFolder.load(dir, 0.1, 0, 1));
        assertTrue(empty.getMessage().contains("holds no files"));
        Files.writeString(dir.resolve("a.png"), "not a png");
        IOException none = assertThrows(IOException.class, () -> ImageFolder.load(dir, 0.1, 0, 1));
        assertTrue(none.getMessage().contains("no usable image"), none.getMessage());
        assertThrows(IOException.class, () -> ImageFolder.load(dir.resolve("missing"), 0.1, 0, 1));
    }

    @Test
    void reflectionPaddingAndTiles() {
        assertEquals(List.of(2, 1, 0, 1, 2, 3, 2, 1), java.util.stream.IntStream.range(-2, 6).map(i -> Crops.reflect(i, 4)).boxed().toList());
        GrayImage img = new GrayImage(3, 2, new float[]{1, 2, 3, 4, 5, 6});
        GrayImage p = Crops.padToMultiple(img, 4);
        assertEquals(4, p.width());
        assertEquals(4, p.height());
        assertEquals(2f, p.get(3, 0)); // reflected column 3 → 1
        assertEquals(1f, p.get(0, 2)); // reflected row 2 → 0
        GrayImage back = Crops.cropTopLeft(p, 3, 2);
        assertEquals(java.util.Arrays.toString(img.pixels()), java.util.Arrays.toString(back.pixels()));
        GrayImage big = Phantoms.generate(1, 100, 3).get(0);
        List<GrayImage> tiles = Crops.tiles(big, 32);
        assertEquals(16, tiles.size()); // starts 0, 32, 64, 68 in each direction
        assertEquals(big.get(68 + 31, 68 + 31), tiles.get(15).get(31, 31));
        GrayImage small = Crops.randomCrop(img, 8, new Random(1));
        assertEquals(8, small.width());
        GrayImage crop = Crops.randomCrop(big, 32, new Random(2));
        assertEquals(32 * 32, crop.pixels().length);
    }

    @Test
    void phantomsAreDeterministicAndInRange() {
        GrayImage a = Phantoms.generate(2, 64, 9).get(1);
        GrayImage b = Phantoms.generate(2, 64, 9).get(1);
        assertEquals(java.util.Arrays.toString(a.pixels()), java.util.Arrays.toString(b.pixels()));
        for (float v : a.pixels()) assertTrue(v >= 0 && v <= 1);
    }
}
