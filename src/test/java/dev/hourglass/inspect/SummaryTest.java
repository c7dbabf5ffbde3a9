package dev.hourglass.inspect;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.ModelRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    private static Summary summary(String preset) {
        return SummaryBuilder.build(ModelRunner.build(Presets.get(preset), DeviceChoice.CPU, 0), preset, Shape.of(4, 1, 256, 256), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "skips", "residual", "unet-residual"})
    void columnSumsEqualTheFooterAndConvmath(String preset) {
        Summary s = summary(preset);
        assertEquals(s.totalParameters(), s.rows().stream().mapToLong(LayerRow::parameters).sum());
        assertEquals(s.convmathParameters(), s.totalParameters());
        assertEquals(Architecture.plan(Presets.get(preset), Shape.of(4, 1, 256, 256)).parameters(), s.totalParameters());
        assertEquals(s.totalMacs(), s.rows().stream().mapToLong(LayerRow::macs).sum());
        assertEquals(s.totalFlops(), s.rows().stream().mapToLong(LayerRow::flops).sum());
        assertEquals(100.0, s.rows().stream().mapToDouble(LayerRow::percentOfParameters).sum(), 1e-9);
        assertEquals(s.activationBytes(), s.rows().stream().mapToLong(LayerRow::outputBytes).sum());
    }

    @Test
    void baselineFooterAndConventions() {
        Summary s = summary("baseline");
        assertEquals(1_839_809, s.totalParameters());
        assertEquals(1_839_809, s.trainableParameters());
        assertEquals(0, s.nonTrainableParameters());
        assertEquals("(4, 64, 16, 16)", s.latent());
        assertEquals(4.0, s.compressionRatio());
        assertEquals(1.0, s.ratioBits32());
        assertEquals(1_839_809L * 4, s.parameterBytes());
        LayerRow firstUp = s.rows().stream().filter(r -> r.path().equals("decoder.stages.0.conv")).findFirst().orElseThrow();
        // transposed convolution counted at its 16×16 input: 4 images · 16·16·64·4²·256
        assertEquals(4L * ConvLayer.transposed(64, 256, 4, 2, 1).macs(16, 16), firstUp.macs());
        assertEquals(4L * 16 * 16 * 64 * 16 * 256, firstUp.macs());
        LayerRow latent = s.rows().stream().filter(r -> r.path().equals("encoder.stages.3.conv")).findFirst().orElseThrow();
        assertEquals(46, latent.rf());
        assertEquals(16.0, latent.jump());
        LayerRow sigmoid = s.rows().get(s.rows().size() - 1);
        assertEquals("Sigmoid", sigmoid.type());
        assertEquals(4L * 4 * 256 * 256, sigmoid.flops());
        // activation bytes: every output tensor of the forward pass, float32
        long expected = 0;
        for (LayerRow r : s.rows()) expected += Shape.parse(r.outputShape().replaceAll("[()]", "")).numel() * 4;
        assertEquals(expected, s.activationBytes());
    }

    @Test
    void skipAndResidualOperationsHaveTheirOwnRows() {
        List<String> types = summary("unet-residual").rows().stream().map(LayerRow::type).toList();
        assertEquals(3, types.stream().filter(t -> t.equals("cat")).count());
        assertEquals(8, types.stream().filter(t -> t.equals("add")).count());
        LayerRow cat = summary("skips").rows().stream().filter(r -> r.type().equals("cat")).findFirst().orElseThrow();
        assertEquals(512, cat.outChannels());
        assertEquals(0, cat.macs());
        assertEquals(2, cat.inputShapes().size());
    }

    @Test
    void inputNotDivisibleBy16IsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SummaryBuilder.build(
                ModelRunner.build(Presets.BASELINE, DeviceChoice.CPU, 0), "baseline", Shape.of(1, 1, 250, 250), 0));
        assertTrue(e.getMessage().contains("multiples of 16"), e.getMessage());
    }

    @Test
    void goldenTextAndMarkdown() throws Exception {
        for (String preset : List.of("baseline", "skips")) {
            Summary s = summary(preset);
            Golden.assertMatches("summary-" + preset + ".txt", SummaryRenderer.text(s, 0));
            Golden.assertMatches("summary-" + preset + ".md", SummaryRenderer.markdown(s, 0));
        }
    }
}
