package dev.hourglass.train;

import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamedCropsTest {

    /** Six 40×40 images, image k filled with the grey level k/8, so a crop tells which file it came from. */
    private static List<Path> files(Path dir) throws Exception {
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            float[] px = new float[40 * 40];
            java.util.Arrays.fill(px, k / 8f);
            Path f = dir.resolve("img" + k + ".png");
            ImageFiles.writePng8(new GrayImage(40, 40, px), f);
            out.add(f);
        }
        return out;
    }

    /** The files (by grey level) that the crops of one batch came from. */
    private static Set<Integer> sources(float[] batch, int side) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < batch.length; i += side * side) s.add(Math.round(batch[i] * 8));
        return s;
    }

    @Test
    void eachRankCropsOnlyItsShardDeterministicallyWithinTheCacheBound(@TempDir Path dir) throws Exception {
        List<Path> all = files(dir);
        long cap = 2L * 40 * 40 * 4; // two decoded images
        DecodedImageCache cache0 = new DecodedImageCache(cap, 1, 1 << 20);
        StreamedCrops rank0 = new StreamedCrops(all, 5, 0, 2, 4, 16, cache0);
        StreamedCrops rank1 = new StreamedCrops(all, 5, 1, 2, 4, 16, new DecodedImageCache(cap, 1, 1 << 20));
        Set<Integer> seen0 = new HashSet<>();
        Set<Integer> seen1 = new HashSet<>();
        for (long step = 1; step <= 30; step++) {
            seen0.addAll(sources(rank0.batch(step), 16));
            seen1.addAll(sources(rank1.batch(step), 16));
            assertTrue(cache0.bytes() <= cap, "cache holds " + cache0.bytes() + " bytes");
        }
        assertEquals(Set.of(0, 2, 4), seen0, "rank 0 reads files 0, 2, 4 of the list");
        assertEquals(Set.of(1, 3, 5), seen1, "rank 1 reads files 1, 3, 5");
        assertTrue(cache0.decodes() > 3, "with room for two of three files, some are decoded again: " + cache0.decodes());
        StreamedCrops again = new StreamedCrops(all, 5, 0, 2, 4, 16, new DecodedImageCache(cap, 1, 1 << 20));
        assertArrayEquals(rank0.batch(17), again.batch(17), "a batch is a function of (seed, step, rank)");
        assertFalse(java.util.Arrays.equals(rank0.batch(17), rank0.batch(18)));
    }

    @Test
    void anUndecodableFileIsDroppedAndAnotherDrawn(@TempDir Path dir) throws Exception {
        List<Path> all = new ArrayList<>(files(dir));
        Path bad = dir.resolve("bad.png");
        Files.writeString(bad, "not an image");
        all.set(0, bad);
        StreamedCrops rank0 = new StreamedCrops(all, 5, 0, 2, 8, 16, new DecodedImageCache(1 << 20, 1, 1 << 20));
        for (long step = 1; step <= 5; step++) assertEquals(Set.of(2, 4), sources(rank0.batch(step), 16));
        assertEquals(1, rank0.badFiles());
        // a resumed process has not met the bad file yet: its batches must still be the same
        StreamedCrops resumed = new StreamedCrops(all, 5, 0, 2, 8, 16, new DecodedImageCache(1 << 20, 1, 1 << 20));
        for (long step = 6; step <= 12; step++) assertArrayEquals(rank0.batch(step), resumed.batch(step), "step " + step);
    }

    @Test
    void aShardWithoutADecodableFileIsBadInputNamingTheRank(@TempDir Path dir) throws Exception {
        List<Path> all = new ArrayList<>(files(dir));
        for (int k : new int[]{1, 3, 5}) { // rank 1's shard
            Path bad = dir.resolve("notes" + k + ".txt");
            Files.writeString(bad, "not an image");
            all.set(k, bad);
        }
        StreamedCrops rank1 = new StreamedCrops(all, 5, 1, 2, 4, 16, new DecodedImageCache(1 << 20, 1, 1 << 20));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rank1.batch(1));
        assertTrue(e.getMessage().startsWith("rank 1 of 2 cannot train: 3 of the 3 files"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
    }
}
