package dev.hourglass.inspect;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.Interval;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.model.SkipMode;
import dev.hourglass.runtime.LayerMeasurement;
import dev.hourglass.runtime.ModelRunner;
import org.bytedeco.pytorch.NoGradGuard;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every checklist item of the report comes from a check that ran and can fail, and says what it
 * found. A sound model ticks them all; a model whose gradients are cut unticks the gradient and
 * skip-documentation items; a libtorch that disagrees with convmath unticks the theory item. (A
 * decoder that loses a row: model.BrokenDecoderReportTest, which can build one.)
 */
class ChecklistTest {

    static final ModelSpec SMALL = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);

    static ChecklistItem item(InspectionReport r, String start) {
        return r.checklist().stream().filter(c -> c.item().startsWith(start)).findFirst().orElseThrow();
    }

    /** Sets a parameter to zero: no gradient passes back through a layer whose weights are all 0. */
    static void zero(ModelRunner p, String parameter) {
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            p.model().named_parameters().get(parameter).zero_();
        }
    }

    @Test
    void aSoundModelTicksEveryItemAndSaysWhatWasFound() {
        InspectionReport r = ReportBuilder.build(ModelRunner.build(SMALL, DeviceChoice.CPU, 0), "small", false, 0);
        for (ChecklistItem c : r.checklist()) assertTrue(c.done(), c.item() + ": " + c.evidence());
        String trace = item(r, "Traced shapes").evidence();
        assertTrue(trace.contains("modules traced; every measured shape equals convmath's prediction"), trace);
        String doc = item(r, "Documented existing skip").evidence();
        assertTrue(doc.contains("as the spec plans, and the latent reaches the reconstruction"), doc);
        String theory = item(r, "Answered all theory").evidence();
        assertTrue(theory.contains("libtorch agrees with all"), theory);
        String block = item(r, "Implemented/verified ResidualBlock").evidence();
        assertTrue(block.startsWith("the course's " + Comparison.COURSE_BLOCK_CHANNELS + "-channel block alone"), block);
    }

    @Test
    void cutGradientsUntickTheGradientAndTheSkipDocumentationItems() {
        ModelRunner p = ModelRunner.build(SMALL, DeviceChoice.CPU, 0);
        zero(p, "decoder.stages.0.conv.weight"); // nothing flows back from the decoder into the latent
        InspectionReport r = ReportBuilder.build(p, "cut", false, 0);
        ChecklistItem gradients = item(r, "Verified gradient flow");
        assertFalse(gradients.done(), gradients.evidence());
        assertTrue(gradients.evidence().contains("vanishing"), gradients.evidence());
        ChecklistItem doc = item(r, "Documented existing skip");
        assertFalse(doc.done(), doc.evidence());
        assertTrue(doc.evidence().contains("the reconstruction does not depend on the latent"), doc.evidence());
    }

    @Test
    void aSkipThatCarriesNothingUnticksTheSkipDocumentation() {
        ModelRunner p = ModelRunner.build(SMALL.withSkips(SkipMode.CONCAT), DeviceChoice.CPU, 0);
        zero(p, "decoder.stages.1.conv.weight"); // the convolution after the first concatenation
        ChecklistItem doc = item(ReportBuilder.build(p, "cut skips", false, 0), "Documented existing skip");
        assertFalse(doc.done(), doc.evidence());
        assertTrue(doc.evidence().contains("skip 1 (1, 16, 8, 8) does not reach the reconstruction"), doc.evidence());
    }

    @Test
    void theoryItemIsUntickedWhenLibtorchDisagreesWithConvmath() {
        Theory.Libtorch withoutBias = new Theory.Libtorch() { // libtorch asked about other layers than convmath computed
            @Override
            public List<LayerMeasurement.Measured> chain(List<ConvLayer> layers, Shape input) {
                return REAL.chain(layers.stream().map(l -> new ConvLayer(l.kind(), l.inChannels(), l.outChannels(), l.kernel(),
                        l.stride(), l.padding(), l.dilation(), l.groups(), false, l.outputPadding())).toList(), input);
            }

            @Override
            public Interval field(List<ConvLayer> layers, int size, int unit) {
                return REAL.field(layers.subList(0, layers.size() - 1), size, unit); // one layer short
            }

            @Override
            public double[] activationGradient(Double slope, double... points) {
                return REAL.activationGradient(slope, points);
            }
        };
        ChecklistItem bad = ReportBuilder.theoryItem(Theory.compute(withoutBias));
        assertFalse(bad.done(), bad.evidence());
        assertTrue(bad.evidence().contains("Q2.1 a) parameters of Conv2d(64, 128, kernel_size=3, bias=True): computed 73,856, libtorch 73,728"),
                bad.evidence());
        assertTrue(bad.evidence().contains("Q2.3 input rows seen by latent row 1 of the baseline encoder: computed [1, 46] (46 rows)"),
                bad.evidence());
        ChecklistItem good = ReportBuilder.theoryItem(Theory.compute());
        assertTrue(good.done(), good.evidence());
    }
}
