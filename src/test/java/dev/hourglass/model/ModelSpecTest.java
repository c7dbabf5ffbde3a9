package dev.hourglass.model;

import dev.hourglass.spec.SpecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Specs without libtorch: validation, JSON, and convmath's view of the presets. */
class ModelSpecTest {

    @Test
    void baselineIsTheCourseArchitecture() {
        ModelSpec b = Presets.BASELINE;
        assertEquals(4, b.stages());
        assertEquals(16, b.downsampling());
        assertEquals(16, b.latentSize());
        assertEquals(List.of(64, 128, 256, 64), b.encoderWidths());
        assertEquals(1_839_809, Architecture.plan(b, dev.hourglass.convmath.Shape.of(4, 1, 256, 256)).parameters());
    }

    @Test
    void skipsWidenTheDecoderInputs() {
        List<Integer> in = Presets.get("skips").decoderConvs().stream().map(c -> c.inChannels()).toList();
        assertEquals(List.of(64, 512, 256, 128), in);
        assertEquals(List.of(64, 256, 128, 64), Presets.BASELINE.decoderConvs().stream().map(c -> c.inChannels()).toList());
    }

    @Test
    void impossibleSpecsNameTheField() {
        ModelSpec b = Presets.BASELINE;
        assertMessage("imageSize must be divisible by stride^stages = 2^4 = 16 but was 250", () -> b.withImageSize(250));
        assertMessage("stageChannels must all be positive", () -> b.withWidths(List.of(64, 0, 256), 64));
        assertMessage("latentChannels must be positive but was 0", () -> b.withWidths(List.of(64), 0));
        assertMessage("residualBlocks must be in 0..16 but was -1", () -> b.withResidualBlocks(-1));
        assertMessage("kernel 3, stride 2 and padding 2", () -> new ModelSpec(1, 256, List.of(8), 8, 3, 2, 2,
                Normalization.BATCH, Activation.RELU, 0.2, OutputActivation.SIGMOID, SkipMode.NONE, 0));
        assertMessage("activation must be one of leaky_relu, relu, none but was 'tanh'", () -> Activation.parse("tanh"));
        assertMessage("entropyModel factorized codes the latent only", () -> b.withEntropyModel(EntropyModelKind.FACTORIZED)
                .withSkips(SkipMode.CONCAT));
        assertMessage("entropyModel must be one of none, factorized, hyperprior, mean-scale but was 'gmm'", () -> EntropyModelKind.parse("gmm"));
        // 32 / 16 = a 2×2 latent, which the hyper-analysis's two stride-2 convolutions cannot halve twice
        assertMessage("gives a latent side of 2, which must be a multiple of 4", () -> Presets.get("hyperprior").withImageSize(32));
    }

    @Test
    void theHyperpriorPlansItsSideBranch() {
        ModelSpec h = Presets.get("hyperprior");
        ModelSpec ms = Presets.get("mean-scale");
        assertEquals(64, h.hyperChannels(), "two thirds of the 96 latent channels");
        assertEquals(64, h.codingMultiple(), "16 for the four stages, times 4 for h_a's two");
        assertEquals(16, Presets.FACTORIZED.codingMultiple());
        assertEquals(List.of(96, 64, 64), h.hyperAnalysisConvs().stream().map(c -> c.inChannels()).toList());
        assertEquals(96, h.hyperSynthesisConvs().get(2).outChannels(), "one scale per latent channel");
        assertEquals(192, ms.hyperSynthesisConvs().get(2).outChannels(), "a scale and a mean per latent channel");
        assertEquals(List.of(), Presets.FACTORIZED.hyperSynthesisConvs());
    }

    @Test
    void kernelFiveWithOutputPaddingRestoresEverySize() {
        ModelSpec f = Presets.FACTORIZED;
        assertEquals(1, f.outputPadding());
        assertEquals(0, Presets.BASELINE.outputPadding());
        assertEquals(List.of(128, 64, 32, 16), sizes(f), "each stage halves, and each transposed stage doubles back exactly");
    }

    private static List<Integer> sizes(ModelSpec s) {
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        int n = s.imageSize();
        for (var c : s.encoderConvs()) out.add(n = c.outputSize(n));
        for (var c : s.decoderConvs()) assertEquals(n * 2, n = c.outputSize(n));
        return out;
    }

    @Test
    void specsWithoutAnEntropyModelReadAndWriteAsBefore() {
        String json = SpecFiles.toJson(Presets.BASELINE);
        assertTrue(!json.contains("entropyModel"), "the field is left out when none, so old fingerprints hold: " + json);
        assertEquals(Presets.BASELINE, SpecFiles.fromJson(json, "test"));
        ModelSpec f = SpecFiles.fromJson(SpecFiles.toJson(Presets.FACTORIZED), "test");
        assertEquals(Presets.FACTORIZED, f);
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        ModelSpec s = Presets.get("unet-residual");
        assertEquals(s, SpecFiles.fromJson(SpecFiles.toJson(s), "test"));
        assertTrue(SpecFiles.toJson(s).contains("\"activation\" : \"leaky_relu\""));
    }

    @Test
    void badSpecFilesGiveClearErrors(@TempDir Path dir) throws Exception {
        String good = SpecFiles.toJson(Presets.BASELINE);
        assertSpecError("missing latentChannels", good.replaceAll("\"latentChannels\" : 64,", ""));
        assertSpecError("not valid JSON", good.substring(0, good.length() / 2));
        assertSpecError("unknown field 'latentChanels'", good.replace("\"latentChannels\"", "\"latentChanels\""));
        assertSpecError("skips must be one of none, concat but was 'add'", good.replace("\"skips\" : \"none\"", "\"skips\" : \"add\""));
        assertSpecError("imageSize must be divisible", good.replace("\"imageSize\" : 256", "\"imageSize\" : 100"));
        assertSpecError("expected a JSON object", "[1, 2]");
        Path f = dir.resolve("spec.json");
        SpecFiles.write(Presets.BASELINE, f);
        assertEquals(Presets.BASELINE, SpecFiles.read(f));
        assertTrue(assertThrows(SpecException.class, () -> SpecFiles.read(dir.resolve("none.json"))).getMessage().contains("no such spec file"));
        Files.writeString(f, "");
        assertThrows(SpecException.class, () -> SpecFiles.read(f));
    }

    @Test
    void unknownPresetListsTheKnownOnes() {
        assertMessage("unknown preset 'resnet': expected one of baseline, skips, residual, unet-residual", () -> Presets.get("resnet"));
    }

    private static void assertSpecError(String expected, String json) {
        SpecException e = assertThrows(SpecException.class, () -> SpecFiles.fromJson(json, "spec.json"));
        assertTrue(e.getMessage().startsWith("spec.json: ") && e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable run) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
