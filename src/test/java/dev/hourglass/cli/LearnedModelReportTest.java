package dev.hourglass.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Day 2 report covers a model with GDN and an entropy model (it crashed on one before). */
class LearnedModelReportTest {

    @Test
    void theReportCoversGdnAndTheEntropyBottleneck() {
        CliRun r = CliRun.of("report", "--arch", "factorized");
        // the entropy model's 12 parameter tensors get no gradient from the output alone: the check adds the
        // rate and the auxiliary quantile loss that train them, so all 40 tensors must be reached (it said "12 missing", exit 1)
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("entropy_bottleneck") && r.out().contains("encoder.stages.0.gdn")
                && r.out().contains("decoder.stages.0.igdn"), "rows for the entropy model and GDN/IGDN");
        assertTrue(r.out().contains("749,857"), "the parameter count of the preset");
        assertTrue(r.out().contains("loss = sum of the output + rate"), "the gradient section names its loss");
        assertTrue(r.out().contains("all 40 parameters received finite, non-vanishing gradients"),
                r.out().lines().filter(l -> l.contains("Verdict")).findFirst().orElse(""));
    }
}
