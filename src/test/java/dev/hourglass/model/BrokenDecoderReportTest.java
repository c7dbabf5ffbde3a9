package dev.hourglass.model;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.inspect.ChecklistItem;
import dev.hourglass.inspect.InspectionReport;
import dev.hourglass.inspect.ReportBuilder;
import dev.hourglass.runtime.ModelRunner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's checklist on a model that does not do what its spec says: kernel 5, stride 2,
 * padding 2 needs output padding 1 for a transposed convolution to double a side, and here the
 * first decoder convolution is built without it, so it turns 4×4 into 7×7 instead of 8×8 and the
 * output loses rows. (Only a test can build this model; ModelSpec refuses such a spec.)
 */
class BrokenDecoderReportTest {

    private static ChecklistItem item(InspectionReport r, String start) {
        return r.checklist().stream().filter(c -> c.item().startsWith(start)).findFirst().orElseThrow();
    }

    @Test
    void aDecoderThatLosesARowUnticksTheTraceAndShapeItems() {
        ModelSpec k5 = new ModelSpec(1, 32, List.of(8, 16), 8, 5, 2, 2, Normalization.BATCH, Activation.LEAKY_RELU, 0.2,
                OutputActivation.SIGMOID, SkipMode.NONE, 0);
        ConvLayer first = k5.decoderConvs().get(0);
        assertEquals(1, first.outputPadding());
        Autoencoder broken = new Autoencoder(k5, c -> c.equals(first) ? new ConvLayer(c.kind(), c.inChannels(), c.outChannels(),
                c.kernel(), c.stride(), c.padding(), c.dilation(), c.groups(), c.bias(), 0) : c);
        InspectionReport r = ReportBuilder.build(ModelRunner.of(broken, DeviceChoice.CPU), "broken", false, 0);

        ChecklistItem trace = item(r, "Traced shapes");
        assertFalse(trace.done(), trace.evidence());
        assertTrue(trace.evidence().contains("the first at decoder.stages.0.conv: measured (1, 16, 7, 7), convmath (1, 16, 8, 8)"),
                trace.evidence());
        ChecklistItem shapes = item(r, "Verified input/output shapes");
        assertFalse(shapes.done(), shapes.evidence());
        assertTrue(shapes.evidence().contains("(1, 1, 28, 28)") || shapes.evidence().contains("decoder.stages.0.conv"), shapes.evidence());
        ChecklistItem doc = item(r, "Documented existing skip");
        assertFalse(doc.done(), doc.evidence());
    }
}
