package dev.hourglass.train;

import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDataTest {

    private static final ModelSpec SMALL = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);

    /** 256×256, each quadrant one gray level: 0, 0.25, 0.5, 0.75 (top-left, top-right, bottom-left, bottom-right). */
    private static GrayImage quadrants() {
        float[] px = new float[256 * 256];
        for (int y = 0; y < 256; y++) for (int x = 0; x < 256; x++) px[y * 256 + x] = 0.25f * (2 * (y / 128) + x / 128);
        return new GrayImage(256, 256, px);
    }

    @Test
    void validationTilesAreSpreadOverTheWholeImage(@TempDir Path dir) throws Exception {
        for (String name : List.of("a.png", "b.png")) ImageFiles.writePng8(quadrants(), dir.resolve(name));
        TrainConfig c = new TrainConfig(SMALL, dir.toString(), 10, 0, 2, 1e-3, 0, 0.1, OptimizerKind.ADAM, 0, LossKind.MSE, 1, 7, 5, 5,
                4, 0.5);
        RunData d = RunData.of(c, 1);
        assertEquals(4, d.validationTiles().size());
        Set<Float> levels = new TreeSet<>();
        for (GrayImage t : d.validationTiles()) {
            float first = t.pixels()[0];
            for (float v : t.pixels()) assertEquals(first, v, 1e-6f, "each tile lies inside one quadrant");
            levels.add(Math.round(first * 4) / 4f);
        }
        assertEquals(Set.of(0f, 0.25f, 0.5f, 0.75f), levels, "one tile in each quadrant, not four from the top row");
        assertTrue(d.description().contains("spread evenly"), d.description());
    }
}
