package dev.hourglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.model.Presets;
import dev.hourglass.spec.SpecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FoundationCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void helpListsTheVerbs() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code());
        for (String verb : new String[]{"device", "calc", "summary", "report", "spec"}) {
            assertTrue(r.out().contains(verb), verb + " missing in\n" + r.out());
        }
        assertEquals(0, CliRun.of("calc", "conv", "--help").code());
    }

    @Test
    void calcConvPrintsTheCourseNumbers() throws Exception {
        CliRun r = CliRun.of("calc", "conv", "--in", "64", "--out", "128", "-k", "3", "--padding", "1", "--input", "64x64");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("= 73,856"), r.out());
        assertTrue(r.out().contains("= 301,989,888"), r.out());
        CliRun g = CliRun.of("calc", "conv", "--in", "64", "--out", "128", "-k", "3", "--groups", "2");
        assertTrue(g.out().contains("= 36,992") && g.out().contains("groups = 2"), g.out());
        JsonNode j = JSON.readTree(CliRun.of("calc", "conv", "--in", "64", "--out", "128", "-k", "3", "--input", "64x64",
                "--format", "json").out());
        assertEquals(62, j.get("outputHeight").get("value").asInt());
        assertEquals(283_410_432L, j.get("macs").get("value").asLong());
    }

    @Test
    void calcShapesAndRf() throws Exception {
        CliRun r = CliRun.of("calc", "shapes", "--input", "8x1x256x256", "--layer", "conv:1:64:k7:s2:p3",
                "--layer", "conv:64:128:k3:s2:p1", "--layer", "conv:128:256:k3:s2:p1", "--layer", "conv:256:64:k3:s2:p1");
        assertEquals(0, r.code(), r.err());
        for (String s : new String[]{"(8, 64, 128, 128)", "(8, 128, 64, 64)", "(8, 256, 32, 32)", "(8, 64, 16, 16)"}) {
            assertTrue(r.out().contains(s), s);
        }
        CliRun t = CliRun.of("calc", "shapes", "--input", "1x64x16x16", "--layer", "tconv:64:256:k4:s2:p1");
        assertTrue(t.out().contains("(1, 256, 32, 32)"), t.out());
        JsonNode rf = JSON.readTree(CliRun.of("calc", "rf", "--format", "json").out());
        assertEquals(46, rf.get("layers").get(3).get("rf").asInt());
        assertEquals(16, rf.get("layers").get(3).get("jump").asInt());
        assertTrue(rf.get("coversPatch").asBoolean());
        assertTrue(CliRun.of("calc", "rf").out().contains("RF = 4, jump = 2"));
    }

    @Test
    void badArgumentsGiveShortErrorsAndExitCodes() {
        CliRun unknown = CliRun.of("calc", "conv", "--in", "64", "--out", "128", "-k", "3", "--bogus");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown option: '--bogus'"), unknown.err());
        assertFalse(unknown.err().contains("at dev.hourglass"), "no stack trace");
        assertEquals(2, CliRun.of("calc", "conv", "--in", "-1", "--out", "128", "-k", "3").code());
        assertEquals(2, CliRun.of("calc", "conv", "--in", "6", "--out", "8", "-k", "3", "--groups", "4").code());
        CliRun big = CliRun.of("calc", "conv", "--in", "1", "--out", "1", "-k", "9", "--input", "4x4");
        assertEquals(2, big.code());
        assertTrue(big.err().contains("kernel larger than the padded input"), big.err());
        CliRun preset = CliRun.of("summary", "--arch", "resnet");
        assertEquals(2, preset.code());
        assertTrue(preset.err().contains("unknown preset 'resnet'"), preset.err());
        assertEquals(2, CliRun.of("summary", "--arch", "baseline", "--spec", "x.json").code());
        assertEquals(2, CliRun.of("calc", "shapes", "--input", "8x1x256", "--layer", "conv:1:2:k3").code());
    }

    @Test
    void specFilesWorkAndBadOnesAreRefused(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("narrow.json");
        SpecFiles.write(Presets.BASELINE.withWidths(java.util.List.of(8, 16), 8).withImageSize(64), good);
        CliRun r = CliRun.of("summary", "--spec", good.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals("(4, 8, 8, 8)", JSON.readTree(r.out()).get("latent").asText());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"inputChannels\": 1}");
        CliRun b = CliRun.of("summary", "--spec", bad.toString());
        assertEquals(3, b.code());
        assertTrue(b.err().contains("incomplete spec, missing imageSize"), b.err());
        assertEquals(3, CliRun.of("summary", "--spec", dir.resolve("missing.json").toString()).code());
    }

    @Test
    void deviceReportsCpuAndRefusesMissingCuda() throws Exception {
        CliRun r = CliRun.of("device", "--device", "cpu", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("cpu", j.get("device").asText());
        assertTrue(j.get("libtorch").asText().startsWith("2."));
        assertTrue(j.has("oneDNN") && j.has("threads"));
        assertEquals(1, JSON.readTree(CliRun.of("device", "--threads", "1", "--format", "json").out()).get("threads").asInt());
        if (!JSON.readTree(CliRun.of("device", "--format", "json").out()).get("cudaAvailable").asBoolean()) {
            CliRun c = CliRun.of("device", "--device", "cuda");
            assertEquals(4, c.code());
            assertTrue(c.err().contains("no CUDA device"), c.err());
        }
        assertEquals(2, CliRun.of("device", "--threads", "0").code());
    }
}
