package dev.hourglass.model;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.Shape;
import dev.hourglass.runtime.ForwardResult;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ParamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** For every preset, what convmath predicts equals what the real libtorch modules do. */
class TheoryVersusMeasurementTest {

    static List<String> presets() {
        return Presets.names();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void shapesAndParametersMatchConvmath(String name) {
        ModelSpec spec = Presets.get(name);
        Shape input = Shape.of(2, 1, 256, 256);
        Architecture plan = Architecture.plan(spec, input);
        ModelRunner probe = ModelRunner.build(spec, DeviceChoice.CPU, 1);
        ForwardResult run = probe.forward(input, 2);

        assertEquals(plan.ops().size(), run.ops().size(), "number of operations");
        for (int i = 0; i < plan.ops().size(); i++) {
            PlannedOp p = plan.ops().get(i);
            OpRecord r = run.ops().get(i);
            assertEquals(p.path(), r.path());
            assertEquals(p.kind(), r.kind(), p.path());
            assertEquals(p.inputs(), r.inputs(), p.path());
            assertEquals(p.output(), r.output(), p.path());
        }
        assertEquals(input, run.output());
        assertEquals(plan.latent(), run.latent());
        assertEquals(plan.skips(), run.skips());

        // parameters per module: libtorch's named_parameters grouped by owner vs convmath per operation
        Map<String, Long> measured = new HashMap<>();
        for (ParamInfo p : probe.parameters()) measured.merge(p.modulePath(), p.numel(), Long::sum);
        for (PlannedOp p : plan.ops()) {
            assertEquals(p.parameters(), measured.getOrDefault(p.path(), 0L), p.path());
        }
        assertEquals(plan.parameters(), probe.parameterCount());
        assertTrue(probe.parameters().stream().allMatch(ParamInfo::trainable));
    }

    @Test
    void courseNumbers() {
        assertEquals(1_839_809, ModelRunner.build(Presets.BASELINE, DeviceChoice.CPU, 0).parameterCount());
        ForwardResult skips = ModelRunner.build(Presets.get("skips"), DeviceChoice.CPU, 0).forward(Shape.of(1, 1, 256, 256), 0);
        assertEquals(List.of(Shape.of(1, 64, 128, 128), Shape.of(1, 128, 64, 64), Shape.of(1, 256, 32, 32)), skips.skips());
        assertEquals(Shape.of(1, 64, 16, 16), skips.latent());
        long[] blockParams = {0};
        ModelRunner residual = ModelRunner.build(Presets.get("residual"), DeviceChoice.CPU, 0);
        residual.parameters().stream().filter(p -> p.name().startsWith("encoder.stages.0.res.0."))
                .forEach(p -> blockParams[0] += p.numel());
        assertEquals(74_112, blockParams[0]);
        assertEquals("encoder.stages.0.conv.weight", residual.parameters().get(0).name());
    }

    @Test
    void sigmoidKeepsTheOutputInTheUnitInterval() {
        ForwardResult r = ModelRunner.build(Presets.BASELINE, DeviceChoice.CPU, 3).forward(Shape.of(2, 1, 64, 64), 4);
        assertTrue(r.outputMin() >= 0 && r.outputMax() <= 1, r.outputMin() + " " + r.outputMax());
        assertEquals(Shape.of(2, 1, 64, 64), r.output());
    }
}
