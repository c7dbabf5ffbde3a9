package dev.hourglass.model;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Tensors;
import dev.hourglass.convmath.Shape;
import dev.hourglass.runtime.EffectiveFieldMeasurement;
import dev.hourglass.runtime.GradientMeasurement;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.SkipAblation;
import org.bytedeco.pytorch.StringTensorDict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Every measurement restores mode, requires_grad, gradients, weights and BatchNorm statistics. */
class InspectionLeavesModelUntouchedTest {

    private static List<float[]> tensors(StringTensorDict d) {
        List<float[]> out = new ArrayList<>();
        for (long i = 0; i < d.size(); i++) out.add(Tensors.toFloats(d.get(i).value()));
        return out;
    }

    @Test
    void probesRestoreTheModel() {
        ModelRunner p = ModelRunner.build(Presets.get("skips").withImageSize(32), DeviceChoice.CPU, 5);
        Autoencoder m = p.model();
        m.train(true);
        List<float[]> params = tensors(m.named_parameters());
        List<float[]> buffers = tensors(m.named_buffers());

        GradientMeasurement.sumLossGradients(p, Shape.of(2, 1, 32, 32), 1);
        EffectiveFieldMeasurement.centralLatentGradient(p, Shape.of(2, 1, 32, 32), 1);
        SkipAblation.measure(p, new float[2 * 32 * 32], 2, 32, 32);
        p.forward(Shape.of(2, 1, 32, 32), 1);

        assertEquals(true, m.is_training());
        List<float[]> after = tensors(m.named_parameters());
        for (int i = 0; i < params.size(); i++) assertArrayEquals(params.get(i), after.get(i));
        List<float[]> buffersAfter = tensors(m.named_buffers());
        for (int i = 0; i < buffers.size(); i++) assertArrayEquals(buffers.get(i), buffersAfter.get(i));
        StringTensorDict np = m.named_parameters();
        for (long i = 0; i < np.size(); i++) {
            assertFalse(np.get(i).value().grad().defined(), "gradient left on " + np.get(i).key().getString());
            assertEquals(true, np.get(i).value().requires_grad());
        }
    }

    @Test
    void aForwardInTrainingModeWouldHaveMovedTheStatistics() {
        // the restore above is not vacuous: a training-mode forward does change the BatchNorm buffers
        ModelRunner p = ModelRunner.build(Presets.BASELINE.withImageSize(32), DeviceChoice.CPU, 5);
        List<float[]> before = tensors(p.model().named_buffers());
        p.model().train(true);
        p.model().forward(org.bytedeco.pytorch.global.torch.rand(2, 1, 32, 32));
        assertNotEquals(before.get(0)[0], tensors(p.model().named_buffers()).get(0)[0]);
    }
}
