package dev.hourglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectorCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void baselineReportHoldsTheDoneCriteria() throws Exception {
        JsonNode r = json("report", "--format", "json");
        assertEquals(1, r.get("schema").asInt());
        assertEquals(1_839_809, r.get("architecture").get("totalParameters").asLong());
        assertEquals("(B, 64, 16, 16)", r.get("architecture").get("latentShape").asText());
        JsonNode rf = r.get("receptiveField").get("encoder").get(3);
        assertEquals(46, rf.get("rf").asInt());
        assertEquals(16, rf.get("jump").asInt());
        JsonNode v = r.get("verification");
        assertTrue(v.get("min").asDouble() >= 0 && v.get("max").asDouble() <= 1);
        assertTrue(r.get("gradients").get("rows").size() == 28);
        for (JsonNode g : r.get("gradients").get("rows")) assertEquals("OK", g.get("status").asText());
        for (JsonNode c : r.get("checklist")) assertTrue(c.get("done").asBoolean(), c.toString());
        assertEquals(0.2, r.get("theory").get("leakyGradient").get(0).asDouble(), 1e-12);
        assertEquals(0.0, r.get("theory").get("reluGradient").get(0).asDouble(), 1e-12);
        assertTrue(r.get("outputRange").get("sigmoidMin").asDouble() >= 0);
        String md = CliRun.of("report").out();
        assertTrue(md.contains("| Total parameters | 1,839,809 |") && md.contains("- [x] Verified gradient flow to all parameters"), md);
    }

    @Test
    void skipsReportShowsSkipShapesChannelsAndBypass() throws Exception {
        JsonNode r = json("report", "--arch", "skips", "--format", "json");
        JsonNode skips = r.get("skips");
        assertTrue(skips.get("hasSkips").asBoolean());
        assertTrue(skips.get("encoderReturns").asText().contains("(1, 64, 128, 128), (1, 128, 64, 64), (1, 256, 32, 32)"));
        assertEquals(3, skips.get("stages").size());
        assertTrue(skips.has("psnrSkipsZeroed") && skips.has("latentGradShare"));
        String evidence = r.get("checklist").get(8).get("evidence").asText();
        assertTrue(evidence.contains("[64, 512, 256, 128]"), evidence);
    }

    @Test
    void residualReportShowsTheAddedParameters() throws Exception {
        JsonNode c = json("report", "--arch", "residual", "--format", "json").get("residual").get("comparison");
        assertEquals(1_839_809, c.get("parametersA").asLong());
        assertEquals(1_839_809 + 3_250_176, c.get("parametersB").asLong());
        assertEquals(176.66, c.get("increasePercent").asDouble(), 0.01);
        String text = CliRun.of("compare", "baseline", "residual").out();
        assertTrue(text.contains("74,112") && text.contains("592,896 = +32.2%"), text);
        // GDN families have no residual blocks of their own; compare ended in a NullPointerException (exit 70) on them
        CliRun gdn = CliRun.of("compare", "factorized", "mean-scale");
        assertEquals(0, gdn.code(), gdn.err());
        assertTrue(gdn.out().contains("hyperprior.h_s.2 ") && gdn.out().contains("the course's 64 channels"), gdn.out());
    }

    @Test
    void summaryJsonTotalsEqualConvmath() throws Exception {
        for (String preset : Presets.names()) {
            JsonNode s = json("summary", "--arch", preset, "--format", "json");
            long rows = 0;
            for (JsonNode row : s.get("rows")) rows += row.get("parameters").asLong();
            long convmath = Architecture.plan(Presets.get(preset), Shape.of(4, 1, 256, 256)).parameters();
            assertEquals(convmath, s.get("totalParameters").asLong());
            assertEquals(convmath, rows);
        }
        assertTrue(CliRun.of("summary", "--format", "csv").out().startsWith("Layer,Type,Input,Output"));
        assertEquals(3, CliRun.of("summary", "--input", "1x1x100x100").code());
    }

    @Test
    void checkVerbsExitZeroWhenHealthy() {
        for (String[] args : new String[][]{{"verify"}, {"trace", "--arch", "unet-residual"}, {"gradcheck", "--arch", "skips"},
                {"layers"}, {"rf", "--no-effective"}, {"skips", "--arch", "skips", "--images", "2"}, {"calc", "rf"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err() + r.out());
        }
        CliRun odd = CliRun.of("verify", "--input", "2x1x250x250");
        assertEquals(1, odd.code());
        assertTrue(odd.out().contains("problem:"), odd.out());
        CliRun strict = CliRun.of("gradcheck", "--threshold", "1e30", "--no-finite-differences");
        assertEquals(1, strict.code());
        assertEquals(2, CliRun.of("gradcheck", "--threshold", "-1").code());
        assertEquals(2, CliRun.of("report", "--format", "csv").code());
    }

    @Test
    void checkpointsFeedTheInspectorAndForeignOnesAreRefused(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("skips.ckpt");
        Checkpoint.save(ModelRunner.build(Presets.get("skips"), DeviceChoice.CPU, 3).model(), "{}", ckpt);
        JsonNode g = json("gradcheck", "--checkpoint", ckpt.toString(), "--no-finite-differences", "--format", "json");
        assertEquals(ModelRunner.build(Presets.get("skips"), DeviceChoice.CPU, 3).parameters().size(), g.get("rows").size());
        JsonNode s = json("skips", "--checkpoint", ckpt.toString(), "--images", "2", "--format", "json");
        assertTrue(s.get("trained").asBoolean());
        CliRun other = CliRun.of("report", "--arch", "baseline", "--checkpoint", ckpt.toString());
        assertEquals(3, other.code());
        assertTrue(other.err().contains("holds a different model than baseline"), other.err());
        Path bad = dir.resolve("bad.ckpt");
        Files.writeString(bad, "not a checkpoint");
        CliRun corrupt = CliRun.of("gradcheck", "--checkpoint", bad.toString());
        assertEquals(3, corrupt.code());
        assertTrue(corrupt.err().contains("not a readable checkpoint"), corrupt.err());
        assertFalse(corrupt.err().contains("Exception raised from"), "no C++ backtrace");
    }

    @Test
    void reportWritesItsFileAtomically(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub").resolve("report.md");
        CliRun r = CliRun.of("report", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out).startsWith("# Day 2 report: `baseline`"));
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count());
        }
    }
}
