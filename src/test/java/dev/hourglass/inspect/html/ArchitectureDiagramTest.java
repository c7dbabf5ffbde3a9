package dev.hourglass.inspect.html;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.Shape;
import dev.hourglass.inspect.LayerRow;
import dev.hourglass.inspect.Summary;
import dev.hourglass.inspect.SummaryBuilder;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.model.SkipMode;
import dev.hourglass.runtime.ModelRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diagram drawn from the measured rows of every preset (and a small spec) has the blocks, skips, loops and side branch of the spec. */
class ArchitectureDiagramTest {

    static Stream<String> presets() {
        return Stream.concat(Presets.names().stream(), Stream.of("small-unet-residual"));
    }

    private static ModelSpec spec(String name) {
        return name.equals("small-unet-residual")
                ? Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32).withSkips(SkipMode.CONCAT).withResidualBlocks(2)
                : Presets.get(name);
    }

    @ParameterizedTest
    @MethodSource("presets")
    void diagramMatchesTheSpec(String name) throws Exception {
        ModelSpec spec = spec(name);
        Shape input = Shape.of(1, spec.inputChannels(), spec.imageSize(), spec.imageSize());
        Summary s = SummaryBuilder.build(ModelRunner.build(spec, DeviceChoice.CPU, 3), name, input, 3);
        List<DiagramStage> stages = DiagramStages.of(s.rows());
        int n = spec.encoderConvs().size();
        assertEquals(DiagramStage.Role.INPUT, stages.get(0).role());
        assertEquals(n, count(stages, DiagramStage.Role.ENCODER), name + " encoder stages");
        assertEquals(spec.decoderConvs().size(), count(stages, DiagramStage.Role.DECODER), name + " decoder stages");
        assertEquals(spec.hasEntropyModel() ? 1 : 0, count(stages, DiagramStage.Role.SIDE), name + " entropy model");
        Architecture plan = Architecture.plan(spec, input);
        DiagramStage latent = stages.stream().filter(DiagramStage::latent).findFirst().orElseThrow();
        assertEquals(plan.latent().dim(1) + "×" + plan.latent().dim(2) + "×" + plan.latent().dim(3), latent.shape());
        assertEquals(spec.inputChannels() + "×" + spec.imageSize() + "×" + spec.imageSize(), stages.get(stages.size() - 1).shape());
        List<DiagramStage> skipped = stages.stream().filter(x -> x.skipFrom() >= 0).toList();
        assertEquals(spec.hasSkips() ? n - 1 : 0, skipped.size(), name + " skips");
        List<String> skipShapes = new ArrayList<>();
        for (DiagramStage d : skipped) {
            assertEquals(DiagramStage.Role.ENCODER, stages.get(d.skipFrom()).role());
            skipShapes.add(stages.get(d.skipFrom()).shape());
        }
        List<String> planned = plan.skips().stream().map(x -> x.dim(1) + "×" + x.dim(2) + "×" + x.dim(3)).toList();
        assertEquals(planned.stream().sorted().toList(), skipShapes.stream().sorted().toList(), name + " skip sources");
        assertEquals(2 * n * spec.residualBlocks(), stages.stream().mapToInt(DiagramStage::residualBlocks).sum(), name + " residual blocks");
        assertEquals(s.totalParameters(), stages.stream().mapToLong(DiagramStage::parameters).sum(), name + " parameters");

        String svg = ArchitectureDiagram.svg(stages);
        java.nio.file.Path out = java.nio.file.Path.of("target", "diagrams", name + ".svg"); // written to look at
        java.nio.file.Files.createDirectories(out.getParent());
        java.nio.file.Files.writeString(out, svg);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(stages.size() - count(stages, DiagramStage.Role.SIDE), occurrences(svg, "class=\"block\""));
        assertEquals(skipped.size(), occurrences(svg, "class=\"skip\""));
        assertEquals(stages.stream().filter(x -> x.residualBlocks() > 0).count(), occurrences(svg, "class=\"loop\""));
        assertEquals(count(stages, DiagramStage.Role.SIDE), occurrences(svg, "class=\"side\""));
        String caption = DiagramWords.caption(stages);
        assertTrue(caption.contains(latent.shape() + " latent"), caption);
        labelsDoNotOverlap(doc, name);
    }

    /**
     * Centred texts on one baseline must not run into each other, measured with the diagram's own font
     * through AWT's font metrics (the residual stages' "BN · LReLU · conv 3/1/1 · ReLU" overlapped once).
     */
    private static void labelsDoNotOverlap(Document doc, String name) {
        java.awt.Font font = new java.awt.Font("DejaVu Sans", java.awt.Font.PLAIN, 12);
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, true);
        org.w3c.dom.NodeList texts = doc.getElementsByTagName("text");
        java.util.Map<String, List<double[]>> byLine = new java.util.TreeMap<>();
        for (int i = 0; i < texts.getLength(); i++) {
            org.w3c.dom.Element t = (org.w3c.dom.Element) texts.item(i);
            if (!"middle".equals(t.getAttribute("text-anchor"))) continue;
            java.awt.Font f = "bold".equals(t.getAttribute("font-weight")) ? font.deriveFont(java.awt.Font.BOLD) : font;
            double half = f.getStringBounds(t.getTextContent(), frc).getWidth() / 2;
            double x = Double.parseDouble(t.getAttribute("x"));
            byLine.computeIfAbsent(t.getAttribute("y"), k -> new ArrayList<>()).add(new double[]{x - half, x + half});
        }
        for (var line : byLine.entrySet()) {
            List<double[]> spans = new ArrayList<>(line.getValue());
            spans.sort(java.util.Comparator.comparingDouble(a -> a[0]));
            for (int i = 0; i + 1 < spans.size(); i++) {
                assertTrue(spans.get(i)[1] <= spans.get(i + 1)[0], name + ": labels overlap on y=" + line.getKey()
                        + " (" + spans.get(i)[1] + " > " + spans.get(i + 1)[0] + ")");
            }
        }
    }

    /** Rows named as another tool would name them (CompressAI's g_a, g_s): the stages still come out right. */
    @Test
    void rowsOfAnotherNamingAreGroupedByTheirShapes() {
        List<LayerRow> rows = List.of(
                row("g_a.0", "Conv2d", "(1, 1, 64, 64)", "(1, 8, 32, 32)"),
                row("g_a.1", "GDN", "(1, 8, 32, 32)", "(1, 8, 32, 32)"),
                row("g_a.2", "Conv2d", "(1, 8, 32, 32)", "(1, 8, 16, 16)"),
                row("entropy_bottleneck", "EntropyBottleneck", "(1, 8, 16, 16)", "(1, 8, 16, 16)"),
                row("g_s.0", "ConvTranspose2d", "(1, 8, 16, 16)", "(1, 8, 32, 32)"),
                row("g_s.1", "IGDN", "(1, 8, 32, 32)", "(1, 8, 32, 32)"),
                row("g_s.2", "ConvTranspose2d", "(1, 8, 32, 32)", "(1, 1, 64, 64)"));
        List<DiagramStage> stages = DiagramStages.of(rows);
        // paths that name layers, not stages: one stage per resolution change (a convolution with its GDN)
        assertEquals(List.of("input", "g_a.0–1", "g_a.2", "entropy_bottleneck", "g_s.0–1", "g_s.2"),
                stages.stream().map(DiagramStage::name).toList());
        assertEquals(List.of(DiagramStage.Role.INPUT, DiagramStage.Role.ENCODER, DiagramStage.Role.ENCODER,
                DiagramStage.Role.SIDE, DiagramStage.Role.DECODER, DiagramStage.Role.DECODER),
                stages.stream().map(DiagramStage::role).toList());
        assertEquals(List.of("conv 4/2/1", "GDN"), stages.get(1).ops());
        assertTrue(stages.get(2).latent());
        assertTrue(ArchitectureDiagram.svg(stages).contains("class=\"side\""));
    }

    /** A user's nn.Sequential with a convolution inside each stage (as a TorchScript model's rows come): long labels stay apart. */
    @Test
    void longOperationListsDoNotOverlapTheirNeighbours() throws Exception {
        List<LayerRow> rows = new ArrayList<>();
        String[] res = {"(1, 1, 64, 64)", "(1, 8, 32, 32)", "(1, 16, 16, 16)", "(1, 8, 32, 32)", "(1, 1, 64, 64)"};
        int i = 0;
        for (int stage = 0; stage < 4; stage++) {
            String part = stage < 2 ? "encoder." : "decoder.";
            String in = res[stage];
            String out = res[stage + 1];
            rows.add(row(part + i++, stage < 2 ? "Conv2d" : "ConvTranspose2d", in, out));
            for (String t : List.of("BatchNorm2d", "LeakyReLU", "Conv2d", "ReLU")) rows.add(row(part + i++, t, out, out));
        }
        String svg = ArchitectureDiagram.svg(DiagramStages.of(rows));
        labelsDoNotOverlap(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))), "sequential rows");
    }

    private static LayerRow row(String path, String type, String in, String out) {
        return new LayerRow(path, type, List.of(in), out, DiagramStages.shape(in).dim(1), DiagramStages.shape(out).dim(1), type.contains("Conv") ? "4/2/1" : "",
                10, 1, "yes", 100, 200, 1, 1, 4);
    }

    private static long count(List<DiagramStage> stages, DiagramStage.Role role) {
        return stages.stream().filter(s -> s.role() == role).count();
    }

    private static int occurrences(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
