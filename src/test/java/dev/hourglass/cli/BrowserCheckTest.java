package dev.hourglass.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code report --html} pages opened in headless Chromium: the page loads with no error, no
 * console message and no blocked load, every picture has a non-zero rendered size, and a
 * screenshot is saved under target/browser-check. {@code -Dhourglass.updateScreenshot=true}
 * also rewrites the README's docs/report-baseline.png.
 */
class BrowserCheckTest {

    static final Path OUT = Path.of("target", "browser-check");
    static final List<String> MODEL_FIGURES = List.of("fig-architecture", "fig-parameters", "fig-macs", "fig-field", "fig-gradients", "fig-bypass");
    private static Path chromium;

    @BeforeAll
    static void browser() throws Exception {
        Files.createDirectories(OUT);
        chromium = Chromium.find();
    }

    @Test
    void baselineWithRunAndEvalLoadsCleanlyInChromium(@TempDir Path dir) throws Exception {
        Path page = OUT.resolve("report-baseline.html");
        CliRun r = CliRun.of("report", "--html", page.toString(), "--run", ReportFolders.codecRun(dir.resolve("run")).toString(),
                "--eval", ReportFolders.eval(dir.resolve("eval")).toString());
        assertEquals(0, r.code(), r.err());
        Chromium.Result res = check(page, dir);
        Set<String> expected = new TreeSet<>(MODEL_FIGURES);
        expected.addAll(List.of("fig-loss", "fig-val-psnr", "fig-bpp", "fig-reconstructions", "fig-rd-psnr", "fig-rd-msssim"));
        assertEquals(expected, figures(res));
        Path full = OUT.resolve("report-baseline.png");
        Chromium.screenshot(chromium, page, full, 1200, Math.min(res.height(), 16000), dir);
        Path top = OUT.resolve("report-baseline-top.png");
        Chromium.screenshot(chromium, page, top, 1200, 1500, dir);
        Path reference = OUT.resolve("report-baseline-small.png");
        shrink(top, reference, 800);
        if (Boolean.getBoolean("hourglass.updateScreenshot")) Files.copy(reference, Path.of("docs", "report-baseline.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"skips", "residual", "unet-residual", "factorized"})
    void presetPagesLoadCleanlyInChromium(String preset, @TempDir Path dir) throws Exception {
        Path page = OUT.resolve("report-" + preset + ".html");
        CliRun r = CliRun.of("report", "--arch", preset, "--html", page.toString());
        assertTrue(r.code() == 0 || r.code() == 1, r.err()); // 1: a checklist item not ticked is still a page
        Chromium.Result res = check(page, dir);
        assertEquals(new TreeSet<>(MODEL_FIGURES), figures(res));
        Chromium.screenshot(chromium, page, OUT.resolve("report-" + preset + ".png"), 1200, Math.min(res.height(), 16000), dir);
    }

    /** A user's own model, from a TorchScript file: the same figures, drawn from the walked module. */
    @ParameterizedTest
    @ValueSource(strings = {"skip_ae", "residual_ae"})
    void torchScriptPagesLoadCleanlyInChromium(String fixture, @TempDir Path dir) throws Exception {
        Path page = OUT.resolve("report-torchscript-" + fixture + ".html");
        CliRun r = CliRun.of("report", "--torchscript", "src/test/resources/fixtures/torchscript/" + fixture + ".pt",
                "--input", "2x1x64x64", "--html", page.toString());
        assertEquals(0, r.code(), r.err());
        Chromium.Result res = check(page, dir);
        assertEquals(new TreeSet<>(MODEL_FIGURES), figures(res));
        Chromium.screenshot(chromium, page, OUT.resolve("report-torchscript-" + fixture + ".png"), 1200, Math.min(res.height(), 16000), dir);
    }

    private static Chromium.Result check(Path page, Path dir) throws IOException, InterruptedException {
        Chromium.Result res = Chromium.check(chromium, page, dir);
        assertEquals(List.of(), res.errors(), "errors in " + page);
        assertEquals(List.of(), res.console(), "console messages from " + page);
        assertTrue(res.items().size() >= MODEL_FIGURES.size(), res.items().toString());
        for (Chromium.Item i : res.items()) {
            assertTrue(i.width() > 0 && i.height() > 0 && i.loaded(), "rendered size of " + i);
            assertTrue(!i.figure().isEmpty(), "every picture is in a figure: " + i);
        }
        return res;
    }

    private static Set<String> figures(Chromium.Result res) {
        return res.items().stream().map(Chromium.Item::figure).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void shrink(Path from, Path to, int width) throws IOException {
        BufferedImage in = ImageIO.read(from.toFile());
        int height = in.getHeight() * width / in.getWidth();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(in.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        ImageIO.write(out, "png", to.toFile());
    }
}
