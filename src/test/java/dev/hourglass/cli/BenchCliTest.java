package dev.hourglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.PlannedOp;
import dev.hourglass.model.Presets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench verb runs and reports consistent numbers; speed itself is never asserted. */
class BenchCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void benchReportsTimingsAndRates() throws Exception {
        CliRun r = CliRun.of("bench", "--arch", "baseline,skips", "--batch", "1,2", "--size", "32", "--repeats", "2",
                "--warmup", "0", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(4, doc.get("results").size());
        JsonNode first = doc.get("results").get(0);
        JsonNode t = first.get("trainStepSeconds");
        assertTrue(t.get("min").asDouble() <= t.get("median").asDouble() && t.get("median").asDouble() <= t.get("max").asDouble());
        assertEquals(1 / t.get("median").asDouble(), first.get("trainImagesPerSecond").asDouble(), 1e-9);
        // baseline at 32×32: the 256×256 count scaled by (32/256)² = 1/64
        assertEquals(9_275_703_296L / 4 / 64, first.get("macsPerImage").asLong());
        assertTrue(doc.get("matmulGflops").asDouble() > 0);
        assertTrue(doc.get("peakRssBytes").asLong() > 0);
    }

    @Test
    void profileTimesEveryPlannedOperationInBothModes() throws Exception {
        CliRun r = CliRun.of("bench", "--profile", "--arch", "skips", "--size", "32", "--batch", "2", "--repeats", "2",
                "--warmup", "0", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(2, doc.size());
        List<String> planned = Architecture.plan(Presets.get("skips").withImageSize(32), Shape.of(2, 1, 32, 32)).ops().stream()
                .map(PlannedOp::path).toList();
        for (int m = 0; m < 2; m++) {
            JsonNode result = doc.get(m);
            assertEquals(m == 0 ? "eval" : "train-forward", result.get("mode").asText());
            List<String> paths = new ArrayList<>();
            for (JsonNode op : result.get("ops")) {
                paths.add(op.get("path").asText());
                JsonNode t = op.get("seconds");
                assertTrue(0 <= t.get("min").asDouble() && t.get("min").asDouble() <= t.get("median").asDouble()
                        && t.get("median").asDouble() <= t.get("max").asDouble(), op.toString());
            }
            assertEquals(planned, paths);
            assertTrue(result.get("totalMedianSeconds").asDouble() > 0);
        }
    }

    /** Models with an entropy model time the rate–distortion step train runs (the plain MSE step refuses them: exit 70 before). */
    @Test
    void entropyModelsAreTimedWithTheirRateDistortionStep() throws Exception {
        CliRun r = CliRun.of("bench", "--arch", "factorized,mean-scale", "--size", "64", "--batch", "2", "--repeats", "1",
                "--warmup", "0", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(2, doc.get("results").size());
        for (JsonNode row : doc.get("results")) {
            assertTrue(row.get("trainStepSeconds").get("median").asDouble() > 0, row.toString());
            assertTrue(row.get("inferenceSeconds").get("median").asDouble() > 0, row.toString());
        }
        CliRun soak = CliRun.of("bench", "--arch", "factorized", "--soak", "4", "--size", "64", "--batch", "1", "--format", "json");
        assertEquals(0, soak.code(), soak.err());
    }

    @Test
    void soakSamplesResidentMemory() throws Exception {
        CliRun r = CliRun.of("bench", "--soak", "40", "--size", "32", "--batch", "2", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(21, doc.get("rssBytes").size());
        assertTrue(doc.get("growthAfterWarmupBytes").asLong() < 50L * 1024 * 1024, doc.toString());
        assertEquals(2, CliRun.of("bench", "--repeats", "0").code()); // option values are usage errors
        assertEquals(2, CliRun.of("bench", "--arch", "nope").code());
    }
}
