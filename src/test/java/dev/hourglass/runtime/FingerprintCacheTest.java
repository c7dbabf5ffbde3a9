package dev.hourglass.runtime;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** ModelRunner caches the fingerprint, but never past a change of the weights made through model(). */
class FingerprintCacheTest {

    private static final ModelSpec SMALL = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);

    @Test
    void weightsChangedThroughTheModelChangeTheFingerprint() {
        ModelRunner p = ModelRunner.build(SMALL, DeviceChoice.CPU, 3);
        byte[] before = p.fingerprint();
        assertArrayEquals(before, p.fingerprint(), "the cached value is stable");
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            p.model().named_parameters().get(0).value().add_(new Scalar(0.5)); // an in-place write, as an optimiser step does
        }
        byte[] edited = p.fingerprint();
        assertFalse(Arrays.equals(before, edited), "a changed weight must change the fingerprint");
        assertArrayEquals(ModelFingerprint.of(p.model()), edited);

        // a training-mode forward moves the BatchNorm running statistics (buffers): also a change
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            p.model().train(true);
            p.model().forward(rand(2, 1, 32, 32));
            p.model().eval();
        }
        byte[] moved = p.fingerprint();
        assertFalse(Arrays.equals(edited, moved), "changed buffers must change the fingerprint");
        assertArrayEquals(ModelFingerprint.of(p.model()), moved);

        // a measurement restores what it touched: the fingerprint is what it was
        GradientMeasurement.sumLossGradients(p, Shape.of(2, 1, 32, 32), 1);
        assertArrayEquals(moved, p.fingerprint());
    }
}
