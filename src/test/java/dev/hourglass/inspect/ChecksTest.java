package dev.hourglass.inspect;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.OutputActivation;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.FiniteDifferenceCheck;
import dev.hourglass.runtime.GradientMeasurement;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ParamGradient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksTest {

    @Test
    void verificationPassesForEveryPresetAndNamesTheModuleThatLosesRows() {
        for (String preset : Presets.names()) {
            ModelRunner p = ModelRunner.build(Presets.get(preset).withImageSize(64), DeviceChoice.CPU, 0);
            Verification v = Verification.run(p, Shape.of(2, 1, 64, 64), 0);
            assertTrue(v.passed(), preset + ": " + v.problems());
            assertTrue(v.min() >= 0 && v.max() <= 1);
        }
        ModelRunner base = ModelRunner.build(Presets.BASELINE, DeviceChoice.CPU, 0);
        Verification odd = Verification.run(base, Shape.of(1, 1, 250, 250), 0);
        assertFalse(odd.passed());
        assertEquals("(1, 1, 240, 240)", odd.output());
        assertTrue(odd.problems().get(0).contains("encoder.stages.1.conv, which turns 125×125 into 62×62"), odd.problems().toString());
        Verification skips = Verification.run(ModelRunner.build(Presets.get("skips"), DeviceChoice.CPU, 0), Shape.of(1, 1, 250, 250), 0);
        assertFalse(skips.passed());
        assertTrue(String.join(" ", skips.problems()).contains("decoder.stages.1.cat"), skips.problems().toString());
    }

    @Test
    void withoutSigmoidTheRangeIsReportedNotChecked() {
        ModelRunner raw = ModelRunner.build(Presets.BASELINE.withOutputActivation(OutputActivation.NONE).withImageSize(64), DeviceChoice.CPU, 0);
        Verification v = Verification.run(raw, Shape.of(2, 1, 64, 64), 0);
        assertTrue(v.passed());
        assertTrue(v.min() < 0, "an untrained linear output goes below 0: " + v.min());
    }

    @Test
    void gradientStatusesAreDistinguished() {
        Shape s = Shape.of(2);
        assertEquals("MISSING", GradientFlow.status(new ParamGradient("a", s, false, 0, 0, 0, 0), 1e-10));
        assertEquals("NAN", GradientFlow.status(new ParamGradient("a", s, true, 1, 1, 1, 1), 1e-10));
        assertEquals("INF", GradientFlow.status(new ParamGradient("a", s, true, 1, 1, 0, 2), 1e-10));
        assertEquals("VANISHING", GradientFlow.status(new ParamGradient("a", s, true, 1e-12, 1e-12, 0, 0), 1e-10));
        assertEquals("OK", GradientFlow.status(new ParamGradient("a", s, true, 1e-3, 1e-3, 0, 0), 1e-10));
    }

    @Test
    void gradientFlowReachesEveryParameterAndAgreesWithFiniteDifferences() {
        ModelRunner p = ModelRunner.build(Presets.get("unet-residual").withImageSize(32), DeviceChoice.CPU, 0);
        GradientFlow g = GradientFlow.run(p, Shape.of(2, 1, 32, 32), 0, 1e-10, true);
        assertTrue(g.passed(), g.verdict());
        assertEquals(p.parameters().size(), g.rows().size());
        FiniteDifferenceCheck.Result fd = g.finiteDifference();
        assertTrue(fd.entriesChecked() > 100 && fd.maxRelativeError() < 1e-3, fd.toString());
        assertTrue(g.biasesBeforeBatchNorm().contains("encoder.stages.0.conv.bias"));
        assertFalse(g.biasesBeforeBatchNorm().contains("encoder.stages.3.conv.bias"), "the latent conv has no BatchNorm after it");
        // an impossible threshold flags every parameter as vanishing: the check can fail
        GradientFlow strict = GradientFlow.run(p, Shape.of(2, 1, 32, 32), 0, 1e30, false);
        assertEquals(strict.rows().size(), strict.problems());
        assertFalse(strict.passed());
    }

    @Test
    void leakyReluGradientIsPointTwoBelowZero() {
        assertArrayEquals(new double[]{0.2, 0.2, 1, 1}, GradientMeasurement.activationGradient(0.2, -2, -0.5, 0.5, 2), 1e-12);
        assertArrayEquals(new double[]{0, 0, 1, 1}, GradientMeasurement.activationGradient(null, -2, -0.5, 0.5, 2), 1e-12);
    }

    @Test
    void skipBypassFiguresAreReadFromTheModel() {
        ModelRunner p = ModelRunner.build(Presets.get("skips").withImageSize(64), DeviceChoice.CPU, 0);
        SkipReport r = SkipReport.run(p, dev.hourglass.data.Phantoms.generate(2, 64, 1), "2 phantoms", false, 0);
        assertTrue(r.hasSkips());
        assertEquals(List.of(0.5, 0.5, 0.5), r.stages().stream().map(SkipReport.Stage::skipShare).toList());
        assertEquals(3, r.skipGradNorms().size());
        assertTrue(r.latentGradShare() > 0 && r.latentGradShare() < 1);
        assertTrue(r.meaning().contains("UNTRAINED"));
        SkipReport none = SkipReport.run(ModelRunner.build(Presets.BASELINE.withImageSize(64), DeviceChoice.CPU, 0),
                dev.hourglass.data.Phantoms.generate(2, 64, 1), "2 phantoms", false, 0);
        assertFalse(none.hasSkips());
        assertTrue(none.stages().isEmpty());
    }

    @Test
    void comparisonOfBaselineAndResidual() {
        Comparison c = Comparison.of("baseline", Presets.BASELINE, "residual", Presets.get("residual"));
        assertEquals(1_839_809, c.parametersA());
        assertEquals(74_112, c.residualBlock64());
        assertEquals(592_896, c.eightBlocksOf64Channels());
        assertEquals(32.2, c.eightBlocksOf64ChannelsIncreasePercent(), 0.05);
        assertEquals(8, c.addedBlocks().size());
        assertEquals(c.parametersB() - c.parametersA(), c.addedBlocks().stream().mapToLong(Comparison.AddedBlock::parameters).sum());
        assertEquals(List.of(64L, 128L, 256L, 64L, 64L, 256L, 128L, 64L), c.addedBlocks().stream().map(Comparison.AddedBlock::channels).toList());
        Comparison skips = Comparison.of("baseline", Presets.BASELINE, "skips", Presets.get("skips"));
        assertEquals(3, skips.differencesOutsideAddedBlocks().size(), "three decoder convolutions widened by skips");
    }
}
