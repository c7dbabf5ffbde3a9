package dev.hourglass.inspect;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.EffectiveFieldMeasurement;
import dev.hourglass.runtime.ModelRunner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldsTest {

    @Test
    void theoryThroughEncoderDecoderAndSkips() {
        ReceptiveFieldReport r = ReceptiveFieldReport.run(Presets.get("skips"), null, 0);
        assertEquals(List.of(4, 10, 22, 46), r.encoder().stream().map(ReceptiveFieldReport.Row::rf).toList());
        assertEquals(List.of(2, 4, 8, 16), r.encoder().stream().map(ReceptiveFieldReport.Row::jump).toList());
        assertTrue(r.coversPatch());
        assertEquals(46, r.projectiveField());
        // routes to the central output pixel: via the latent (46 + one more latent pixel = 62) and via each skip
        assertEquals(List.of(62L, 62L, 30L, 14L, 6L), r.paths().stream().map(ReceptiveFieldReport.PathField::rf).toList());
        assertEquals(List.of(76, 70, 70), r.variants().stream().map(ReceptiveFieldReport.Variant::rf).toList());
        assertEquals(List.of(16, 16, 16), r.variants().stream().map(ReceptiveFieldReport.Variant::jump).toList());
    }

    @Test
    void residualBlocksWidenTheEncoderField() {
        ReceptiveFieldReport r = ReceptiveFieldReport.run(Presets.get("residual"), null, 0);
        // each block adds two 3×3 convolutions: 2·2·jump per stage; 1+3=4, +2·2·2 → 12, ...
        ReceptiveFieldReport.Row last = r.encoder().get(r.encoder().size() - 1);
        assertEquals(12, r.encoder().get(2).rf());
        assertEquals(16, last.jump());
        assertTrue(last.rf() > 46);
    }

    @Test
    void massSideFindsTheCentredSquare() {
        double[] v = new double[16 * 16];
        for (int y = 6; y <= 9; y++) for (int x = 6; x <= 9; x++) v[y * 16 + x] = 1; // a 4×4 block centred at 7.5
        EffectiveFieldMeasurement.GradientMap m = new EffectiveFieldMeasurement.GradientMap(16, 16, v, 0, 0);
        assertEquals(4, ReceptiveFieldReport.massSide(m, 7.5, 0.95));
        assertEquals(2, ReceptiveFieldReport.massSide(m, 7.5, 0.25));
        assertEquals(4, ReceptiveFieldReport.massSide(m, 7.5, 0.5));
    }

    @Test
    void effectiveFieldIsMeasuredInsideTheTheoreticalOne() {
        ModelRunner p = ModelRunner.build(Presets.BASELINE.withImageSize(64), DeviceChoice.CPU, 0);
        ReceptiveFieldReport r = ReceptiveFieldReport.run(p.spec(), p, 0);
        ReceptiveFieldReport.Effective e = r.effective();
        assertTrue(e.side50() > 0 && e.side50() <= e.side95(), e.toString());
        assertTrue(e.side95() <= 46, "gradient outside the theoretical field: " + e);
        assertFalse(r.paths().isEmpty());
    }
}
