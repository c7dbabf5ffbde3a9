package dev.hourglass.inspect;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.ModelSpec;
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

    private static final Shape INPUT = Shape.of(4, 1, 256, 256);

    private static Summary summary(String preset) {
        return SummaryBuilder.build(ModelRunner.build(Presets.get(preset), DeviceChoice.CPU, 0), preset, INPUT, 0);
    }

    /**
     * The footer's totals are the sums of the table's rows; each is held against a count made
     * another way: libtorch's own parameter count of the built model, and convmath's plan of the
     * whole forward pass from the spec alone (planned shapes, not the measured ones the rows use).
     */
    @ParameterizedTest
    @ValueSource(strings = {"baseline", "skips", "residual", "unet-residual", "baseline-factorized", "factorized"})
    void footerTotalsAgreeWithLibtorchAndWithConvmathsPlan(String preset) {
        ModelSpec spec = Presets.get(preset).withImageSize(64);
        Shape input = Shape.of(2, 1, 64, 64);
        ModelRunner p = ModelRunner.build(spec, DeviceChoice.CPU, 0);
        Summary s = SummaryBuilder.build(p, preset, input, 0);
        Architecture plan = Architecture.plan(spec, input);
        assertEquals(s.totalParameters(), s.rows().stream().mapToLong(LayerRow::parameters).sum(), "the footer is the rows' sum");
        assertEquals(p.parameterCount(), s.totalParameters(), "libtorch: numel summed over named_parameters");
        assertEquals(plan.parameters(), s.totalParameters(), "convmath's plan");
        assertEquals(plan.macs(), s.totalMacs(), "convmath's plan");
        assertEquals(plan.flops(), s.totalFlops(), "convmath's plan");
        assertEquals(4 * plan.ops().stream().mapToLong(o -> o.output().numel()).sum(), s.activationBytes(),
                "float32 outputs of every planned operation");
    }

    @Test
    void baselineMacsCountedByHand() {
        // per image: convolutions at 128², 64², 32², 16² outputs (transposed ones at those inputs), k² = 16
        long convs = 2L * 128 * 128 * 64 * 16 * 1 + 4L * 64 * 64 * 128 * 16 * 64 + 2L * 16 * 16 * 64 * 16 * 256;
        long batchNorms = 2L * (64 * 128 * 128 + 128 * 64 * 64 + 256 * 32 * 32); // 1 MAC per element, 3 in each half
        assertEquals(4 * (convs + batchNorms), summary("baseline").totalMacs());
        assertEquals(9_275_703_296L, 4 * (convs + batchNorms));
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
