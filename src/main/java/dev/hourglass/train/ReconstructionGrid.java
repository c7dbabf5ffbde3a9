package dev.hourglass.train;

import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A PNG with one row per validation tile: the tile on the left, its reconstruction on the right. */
final class ReconstructionGrid {

    private static final int GAP = 4;

    private ReconstructionGrid() {
    }

    static void write(List<GrayImage> originals, float[] reconstructions, Path file) throws IOException {
        int s = originals.get(0).width();
        int w = 2 * s + GAP;
        int h = originals.size() * s + (originals.size() - 1) * GAP;
        float[] px = new float[w * h];
        java.util.Arrays.fill(px, 1f);
        for (int i = 0; i < originals.size(); i++) {
            int top = i * (s + GAP);
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    px[(top + y) * w + x] = originals.get(i).pixels()[y * s + x];
                    px[(top + y) * w + s + GAP + x] = reconstructions[i * s * s + y * s + x];
                }
            }
        }
        GrayImage grid = new GrayImage(w, h, px);
        dev.hourglass.backend.AtomicFiles.write(file, tmp -> ImageFiles.writePng8(grid, tmp));
    }
}
