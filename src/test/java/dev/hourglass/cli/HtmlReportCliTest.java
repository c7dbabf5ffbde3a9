package dev.hourglass.cli;

import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.Phantoms;
import dev.hourglass.model.Presets;
import dev.hourglass.model.SkipMode;
import dev.hourglass.spec.SpecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report --html}: one self-contained page, every figure with alt text and a caption, its options' errors. */
class HtmlReportCliTest {

    @Test
    void pageIsSelfContainedAndEveryFigureIsDescribed(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("small.json");
        SpecFiles.write(Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32).withSkips(SkipMode.CONCAT).withResidualBlocks(1), spec);
        Path photo = dir.resolve("photo.png");
        ImageFiles.writePng8(Phantoms.generate(1, 80, 5).get(0), photo);
        Path page = dir.resolve("out").resolve("day2.html");
        CliRun r = CliRun.of("report", "--spec", spec.toString(), "--html", page.toString(), "--image", photo.toString(),
                "--run", ReportFolders.codecRun(dir.resolve("run")).toString(), "--eval", ReportFolders.eval(dir.resolve("eval")).toString());
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        assertEquals("HTML report written to " + page + "\n", r.out(), "no Markdown on standard output without -o");
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\""));
        assertFalse(html.contains("<script"), "no script at all");
        Matcher url = Pattern.compile("(src|href)=\"(?!data:|#)").matcher(html);
        assertFalse(url.find(), "every src and href is inline or an anchor");
        assertFalse(Pattern.compile("(?<!xmlns(:\\w{1,20})?=['\"])https?://").matcher(html).find(), "no address but XML namespace names");

        Matcher figure = Pattern.compile("<figure id=\"([^\"]+)\">(.*?)</figure>", Pattern.DOTALL).matcher(html);
        int figures = 0;
        while (figure.find()) {
            figures++;
            String f = figure.group(2);
            assertTrue(f.matches("(?s).*(<svg[^>]* role=\"img\" aria-label=\"[^\"]{20,}\"><title>|<img [^>]*alt=\"[^\"]{20,}\").*"),
                    figure.group(1) + " has alt text");
            assertTrue(f.matches("(?s).*<figcaption><b>Figure \\d+\\.</b> [^<]{80,}</figcaption>.*"), figure.group(1) + " has a caption in words");
        }
        assertEquals(12, figures, "6 of the model, 4 of the run, 2 of the evaluation");
        assertTrue(html.contains("the central 32×32 pixels of photo.png"), "drawn over the given image");
        assertTrue(html.contains("skip 8×16×16 (concatenated)"), "the diagram names the skips");
        assertTrue(html.contains("res. block") && html.contains("class=\"loop\""), "and the residual blocks");
        assertTrue(html.contains("<th>Against</th>") && html.contains("WebP (cwebp)") && html.contains("JPEG 2000 (opj_compress)"),
                "BD-rates against every reference codec");
        assertTrue(html.contains("<table>") && html.contains("class=\"md\""), "tables and the Markdown for copy and paste");

        CliRun both = CliRun.of("report", "--spec", spec.toString(), "--html", page.toString(), "-o", dir.resolve("r.md").toString());
        assertTrue(both.out().contains("report written to") && both.out().contains("HTML report written to"), both.out());
        assertTrue(Files.readString(dir.resolve("r.md")).startsWith("# Day 2 report"));
    }

    @Test
    void htmlOptionsAreCheckedBeforeWork(@TempDir Path dir) throws Exception {
        assertEquals(2, CliRun.of("report", "--run", dir.toString()).code(), "--run needs --html");
        assertEquals(2, CliRun.of("report", "--image", "x.png").code(), "--image needs --html");
        Path page = dir.resolve("p.html");
        CliRun missing = CliRun.of("report", "--html", page.toString(), "--run", dir.resolve("nope").toString());
        assertEquals(3, missing.code());
        assertTrue(missing.err().contains("no such folder"), missing.err());
        CliRun notEval = CliRun.of("report", "--html", page.toString(), "--eval", dir.toString());
        assertEquals(3, notEval.code());
        assertTrue(notEval.err().contains("no points.json"), notEval.err());
        Files.writeString(dir.resolve("metrics.jsonl"), "not json\n");
        CliRun empty = CliRun.of("report", "--html", page.toString(), "--run", dir.toString());
        assertEquals(3, empty.code());
        assertTrue(empty.err().contains("no training or validation line"), empty.err());
        assertEquals(74, CliRun.of("report", "--html", dir.resolve("metrics.jsonl").resolve("p.html").toString()).code());
        assertFalse(Files.exists(page));
    }
}
