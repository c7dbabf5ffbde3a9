package dev.hourglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.data.Crops;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.ImageReader;
import dev.hourglass.data.Phantoms;
import dev.hourglass.model.Presets;
import dev.hourglass.model.SkipMode;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecCliTest {

    /** PSNR of a decoded PNG against the image it came from. */
    private static double psnr(Path original, Path decoded) throws Exception {
        return dev.hourglass.metrics.Psnr.of(ImageReader.read(original).image().pixels(), ImageReader.read(decoded).image().pixels(), 1);
    }

    @Test
    void qualityIsCalibratedToWhatTheModelDelivers(@TempDir Path dir) throws Exception {
        var small = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);
        dev.hourglass.train.TrainConfig c = new dev.hourglass.train.TrainConfig(small, null, 40, 0, 4, 5e-3, 5, 0.1,
                dev.hourglass.train.OptimizerKind.ADAM, 0, dev.hourglass.train.LossKind.MSE, 1.0, 3, 40, 40, 2, 0.25);
        dev.hourglass.train.Trainer.run(c, dir.resolve("run"), false, DeviceChoice.CPU, dev.hourglass.train.Progress.SILENT);
        Path ckpt = dir.resolve("run/final.ckpt");
        Path img = dir.resolve("img.png"); // smaller than the calibration crop: the crop is the image
        ImageFiles.writePng8(Phantoms.generate(1, 64, 11).get(0), img);
        Path own = dir.resolve("own.png");
        assertEquals(0, CliRun.of("reconstruct", "--checkpoint", ckpt.toString(), img.toString(), own.toString()).code());
        double model = psnr(img, own);
        double[] psnr = new double[101];
        for (int q : new int[]{1, 50, 95, 100}) {
            Path hg = dir.resolve("q" + q + ".hg");
            Path back = dir.resolve("q" + q + ".png");
            CliRun r = CliRun.of("compress", "--checkpoint", ckpt.toString(), "--quality", Integer.toString(q), img.toString(), hg.toString());
            assertEquals(0, r.code(), "quality " + q + ": " + r.err());
            assertTrue(r.out().contains("quality " + q + " on this image's scale: quality 100 = Δ"), r.out());
            assertEquals(0, CliRun.of("decompress", "--checkpoint", ckpt.toString(), hg.toString(), back.toString()).code());
            psnr[q] = psnr(img, back);
        }
        assertTrue(psnr[100] >= model - 0.15, "quality 100 delivers what the model can: " + psnr[100] + " against " + model);
        assertTrue(psnr[50] < model - 0.1, "the middle of the scale is below saturation: " + psnr[50] + " against " + model);
        assertTrue(psnr[1] < psnr[50], "quality 1 " + psnr[1] + ", 50 " + psnr[50]);
    }

    @Test
    void compressDecompressEvalAndErrors(@TempDir Path dir) throws Exception {
        var small = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);
        Path ckpt = dir.resolve("m.ckpt");
        Checkpoint.save(ModelRunner.build(small, DeviceChoice.CPU, 1).model(), "{}", ckpt);
        Path img = dir.resolve("img.png");
        ImageFiles.writePng(Crops.cropTopLeft(Phantoms.generate(1, 200, 3).get(0), 190, 181), 16, img);
        Path hg = dir.resolve("img.hg");
        CliRun c = CliRun.of("compress", "--checkpoint", ckpt.toString(), "--quality", "60", img.toString(), hg.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("bits per pixel"), c.out());
        Path png = dir.resolve("back.png");
        CliRun d = CliRun.of("decompress", "--checkpoint", ckpt.toString(), hg.toString(), png.toString());
        assertEquals(0, d.code(), d.err());
        var back = ImageReader.read(png);
        assertEquals(16, back.bitDepth());
        assertEquals(190, back.image().width());

        Path junk = dir.resolve("junk.hg");
        Files.write(junk, new byte[]{'H', 'G', 'L', 'S', 1, 0, 0});
        Path never = dir.resolve("never.png");
        CliRun bad = CliRun.of("decompress", "--checkpoint", ckpt.toString(), junk.toString(), never.toString());
        assertEquals(5, bad.code());
        assertTrue(bad.err().contains("junk.hg"), bad.err());
        assertFalse(Files.exists(never), "no output file for a corrupt input");

        Path other = dir.resolve("other.ckpt");
        Checkpoint.save(ModelRunner.build(small, DeviceChoice.CPU, 2).model(), "{}", other);
        CliRun foreign = CliRun.of("decompress", "--checkpoint", other.toString(), hg.toString(), never.toString());
        assertEquals(5, foreign.code());
        assertTrue(foreign.err().contains("another model"), foreign.err());

        Path skips = dir.resolve("skips.ckpt");
        Checkpoint.save(ModelRunner.build(small.withSkips(SkipMode.CONCAT), DeviceChoice.CPU, 2).model(), "{}", skips);
        CliRun refused = CliRun.of("compress", "--checkpoint", skips.toString(), img.toString(), dir.resolve("s.hg").toString());
        assertEquals(3, refused.code());
        assertTrue(refused.err().contains("--include-skips"), refused.err());
        assertEquals(0, CliRun.of("compress", "--checkpoint", skips.toString(), "--include-skips", img.toString(),
                dir.resolve("s.hg").toString()).code());

        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.copy(img, data.resolve("a.png"));
        Path out = dir.resolve("eval");
        CliRun e = CliRun.of("eval", "--checkpoint", ckpt.toString(), "--data", data.toString(), "--steps", "0.4,0.2,0.1,0.05",
                "--ceiling", "--out", out.toString());
        assertEquals(0, e.code(), e.err() + e.out());
        assertTrue(e.out().contains("--ceiling: " + dir.getFileName() + "/m.ckpt has no learned entropy model"), e.out());
        JsonNode doc = new ObjectMapper().readTree(Files.readString(out.resolve("points.json")));
        assertEquals(4 + 14, doc.get("points").size() - externalPoints(doc));
        assertTrue(doc.get("bjontegaardVsJpeg").has(dir.getFileName() + "/m.ckpt"), doc.get("bjontegaardVsJpeg").toString());
        assertTrue(Files.size(out.resolve("rd-psnr.png")) > 0 && Files.size(out.resolve("rd-msssim.png")) > 0);
        Path page = dir.resolve("day2.html");
        CliRun html = CliRun.of("report", "--checkpoint", ckpt.toString(), "--html", page.toString(), "--eval", out.toString());
        assertTrue(html.code() == 0 || html.code() == 1, html.err());
        String text = Files.readString(page);
        assertTrue(text.contains("id=\"fig-rd-psnr\"") && text.contains("JPEG (ImageIO)") && text.contains("m.ckpt"),
                "the curves of the points.json eval wrote");
        for (JsonNode p : doc.get("points")) {
            if (p.get("codec").asText().endsWith("/m.ckpt")) {
                assertEquals(p.get("bytes").asLong() * 8.0 / (190 * 181), p.get("bpp").asDouble(), 1e-12);
            }
        }
        Path again = dir.resolve("eval-again");
        CliRun twice = CliRun.of("eval", "--checkpoint", ckpt.toString(), "--checkpoint", ckpt.toString(), "--data", dir.resolve("none").toString(),
                "--out", again.toString());
        assertEquals(2, twice.code(), twice.err());
        assertTrue(twice.err().contains("is given twice"), "found before the images: " + twice.err());
        assertFalse(Files.exists(again), "nothing written");
    }

    private static int externalPoints(JsonNode doc) {
        int n = 0;
        for (JsonNode p : doc.get("points")) {
            String c = p.get("codec").asText();
            if (c.equals("cjpeg") || c.equals("webp") || c.equals("jpeg2000")) n++;
        }
        return n;
    }
}
