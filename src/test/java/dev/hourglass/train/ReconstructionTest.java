package dev.hourglass.train;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Phantoms;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.ModelRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconstructionTest {

    /** Tiles with their context margin give the whole image's reconstruction: no seams, through skips and residual blocks too. */
    @ParameterizedTest
    @ValueSource(strings = {"baseline", "unet-residual"})
    void tiledEqualsWhole(String preset) {
        ModelSpec spec = Presets.get(preset).withWidths(List.of(4, 8), 4).withImageSize(32);
        ModelRunner m = ModelRunner.build(spec, DeviceChoice.CPU, 5);
        GrayImage img = Crops.window(Phantoms.generate(1, 128, 4).get(0), 0, 0, 301, 203);
        Reconstruction.Result whole = Reconstruction.run(m, img, 1024, Reconstruction.Listener.NONE);
        Reconstruction.Result tiled = Reconstruction.run(m, img, 48, Reconstruction.Listener.NONE);
        assertEquals(1, whole.tiles());
        assertTrue(tiled.tiles() >= 20, "tiles: " + tiled.tiles());
        float[] a = whole.image().pixels();
        float[] b = tiled.image().pixels();
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        assertTrue(worst < 1e-4, "largest difference " + worst);
    }
}
