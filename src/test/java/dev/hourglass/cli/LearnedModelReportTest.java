package dev.hourglass.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Day 2 report covers a model with GDN and an entropy model (it crashed on one before). */
class LearnedModelReportTest {

    @Test
    void theReportCoversGdnAndTheEntropyBottleneck() {
        CliRun r = CliRun.of("report", "--arch", "factorized");
        // the entropy model's 12 parameter tensors are trained by the rate term alone: the reconstruction
        // loss gives them no gradient, which the gradient check reports (exit 1), and says so
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("entropy_bottleneck") && r.out().contains("encoder.stages.0.gdn")
                && r.out().contains("decoder.stages.0.igdn"), "rows for the entropy model and GDN/IGDN");
        assertTrue(r.out().contains("749,857"), "the parameter count of the preset");
        assertTrue(r.out().contains("12 missing"), r.out().lines().filter(l -> l.contains("gradient")).findFirst().orElse(""));
    }
}
