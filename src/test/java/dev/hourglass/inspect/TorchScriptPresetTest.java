package dev.hourglass.inspect;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Activation;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Normalization;
import dev.hourglass.model.OutputActivation;
import dev.hourglass.model.Presets;
import dev.hourglass.model.SkipMode;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ScriptedModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TorchScript exports of our own presets (written by PyTorch, as a course participant would
 * write them) against the same presets built by hourglass: every figure must be the preset's.
 * The full-size export is the baseline; the skip wiring is checked on a narrow twin (8/16/32
 * channels, latent 8), compared with our spec of the same widths, to keep the fixtures small.
 */
class TorchScriptPresetTest {

    static final Path DIR = Path.of("src/test/resources/fixtures/torchscript");

    private static ModelSpec narrow(SkipMode skips) {
        return new ModelSpec(1, 256, List.of(8, 16, 32), 8, 4, 2, 1, Normalization.BATCH, Activation.LEAKY_RELU, 0.2,
                OutputActivation.SIGMOID, skips, 0);
    }

    /** The convolution rows as the comparable facts: type, channels, k/s/p, parameters, MACs, RF, jump. */
    private static List<String> convFacts(Summary s) {
        return s.rows().stream().filter(r -> r.type().startsWith("Conv"))
                .map(r -> r.type() + " " + r.inChannels() + "→" + r.outChannels() + " " + r.kernelStridePadding() + " params "
                        + r.parameters() + " macs " + r.macs() + " rf " + r.rf() + " jump " + r.jump()).toList();
    }

    private static void assertSameFigures(Path file, ModelSpec spec, Shape input) {
        ScriptedInspection ts = ScriptedInspector.inspect(ScriptedModel.load(file, DeviceChoice.CPU), input, 0);
        Summary ours = SummaryBuilder.build(ModelRunner.build(spec, DeviceChoice.CPU, 0), "ours", input, 0);
        assertEquals(convFacts(ours), convFacts(ts.summary()));
        assertEquals(ours.totalParameters(), ts.summary().totalParameters());
        assertEquals(ours.libtorchParameters(), ts.summary().libtorchParameters());
        assertEquals(ours.convmathParameters(), ts.summary().convmathParameters());
        assertEquals(ours.totalMacs(), ts.summary().totalMacs());
        assertEquals(ours.latent(), ts.summary().latent());
        assertEquals(ours.skips(), ts.summary().skips());
        assertEquals(ours.output(), ts.summary().output());
        assertEquals(ours.rows().stream().filter(r -> r.type().equals("cat")).count(),
                ts.summary().rows().stream().filter(r -> r.type().equals("cat")).count());
        assertTrue(ts.verification().passed(), ts.verification().problems().toString());
        assertTrue(ts.trace().allMatch(), ts.trace().evidence());
        assertTrue(ts.disagreements().isEmpty());
        assertTrue(ts.notes().isEmpty(), ts.notes().toString());
    }

    @Test
    void baselineExportHasTheBaselinesFigures() {
        Shape in = Shape.of(1, 1, 256, 256);
        assertSameFigures(DIR.resolve("baseline_full.pt"), Presets.BASELINE, in);
        ScriptedInspection ts = ScriptedInspector.inspect(ScriptedModel.load(DIR.resolve("baseline_full.pt"), DeviceChoice.CPU), in, 0);
        assertEquals(1_839_809, ts.summary().totalParameters());
        LayerRow latent = ts.summary().rows().stream().filter(r -> r.path().startsWith("encoder")).reduce((a, b) -> b).orElseThrow();
        assertEquals(46, latent.rf());
        assertEquals(16.0, latent.jump());
        // ConvTranspose2d MACs at input resolution: 64→256, k4, on 16×16 = 16·16·64·16·256
        LayerRow firstUp = ts.summary().rows().stream().filter(r -> r.type().equals("ConvTranspose2d")).findFirst().orElseThrow();
        assertEquals(16L * 16 * 64 * 16 * 256, firstUp.macs());
    }

    @Test
    void receptiveFieldsOfTheBaselineExportAreThePresets() {
        Shape in = Shape.of(1, 1, 256, 256);
        ScriptedInspection ts = ScriptedInspector.inspect(ScriptedModel.load(DIR.resolve("baseline_full.pt"), DeviceChoice.CPU), in, 0);
        ReceptiveFieldReport theirs = ts.receptiveField();
        ReceptiveFieldReport ours = ReceptiveFieldReport.run(Presets.BASELINE, null, 0);
        assertEquals(ours.encoder().stream().map(r -> r.rf() + "/" + r.jump() + "/" + r.start()).toList(),
                theirs.encoder().stream().map(r -> r.rf() + "/" + r.jump() + "/" + r.start()).toList());
        assertEquals(46, theirs.encoder().get(theirs.encoder().size() - 1).rf());
        assertEquals(16, theirs.patch());
        assertEquals(ours.coversPatch(), theirs.coversPatch());
        assertEquals(ours.latentUnitSees(), theirs.latentUnitSees());
        assertEquals(ours.projectiveField(), theirs.projectiveField());
        assertEquals(ours.paths().get(0), theirs.paths().get(0));
    }

    @Test
    void sequentialExportHasItsSpecsFigures() {
        assertSameFigures(DIR.resolve("sequential_ae.pt"), narrow(SkipMode.NONE), Shape.of(2, 1, 64, 64));
    }

    @Test
    void skipExportHasTheSkipSpecsFiguresAndSkipsHighestResolutionFirst() {
        Shape in = Shape.of(1, 1, 64, 64);
        assertSameFigures(DIR.resolve("skip_ae.pt"), narrow(SkipMode.CONCAT), in);
        ScriptedInspection ts = ScriptedInspector.inspect(ScriptedModel.load(DIR.resolve("skip_ae.pt"), DeviceChoice.CPU), in, 0);
        assertEquals(List.of("(1, 8, 32, 32)", "(1, 16, 16, 16)", "(1, 32, 8, 8)"), ts.summary().skips());
        assertEquals("(1, 8, 4, 4)", ts.summary().latent());
    }
}
