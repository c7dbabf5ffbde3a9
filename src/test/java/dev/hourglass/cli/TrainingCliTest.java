package dev.hourglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.ImageReader;
import dev.hourglass.data.Phantoms;
import dev.hourglass.model.Presets;
import dev.hourglass.spec.SpecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void trainResumeReconstructAndMetrics(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("small.json");
        SpecFiles.write(Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32), spec);
        Path run = dir.resolve("run");
        CliRun t = CliRun.of("train", "--spec", spec.toString(), "--steps", "4", "--batch", "2", "--validate-every", "2",
                "--log-every", "2", "--val-images", "2", "--out", run.toString());
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("step 2/4") && t.out().contains("validation at step 4"), t.out());
        assertTrue(Files.exists(run.resolve("final.ckpt")));
        CliRun again = CliRun.of("train", "--spec", spec.toString(), "--steps", "4", "--out", run.toString());
        assertEquals(3, again.code());
        assertTrue(again.err().contains("already holds a run"), again.err());
        CliRun resumed = CliRun.of("train", "--resume", "--out", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("already finished at step 4 of 4"), resumed.out());
        Path page = dir.resolve("day2.html");
        CliRun html = CliRun.of("report", "--checkpoint", run.resolve("final.ckpt").toString(), "--html", page.toString(), "--run", run.toString());
        assertTrue(html.code() == 0 || html.code() == 1, html.err());
        String text = Files.readString(page);
        assertTrue(text.contains("id=\"fig-loss\"") && text.contains("id=\"fig-val-psnr\"") && text.contains("id=\"fig-reconstructions\""),
                "the run's curves and reconstructions, read from the files train wrote");

        // an odd-sized 16-bit image: padded to a multiple of 8, cropped back, written as 16-bit
        GrayImage img = Phantoms.generate(1, 64, 4).get(0);
        GrayImage odd = dev.hourglass.data.Crops.cropTopLeft(img, 45, 37);
        Path in = dir.resolve("in.png");
        ImageFiles.writePng(odd, 16, in);
        Path out = dir.resolve("out.png");
        CliRun r = CliRun.of("reconstruct", "--checkpoint", run.resolve("final.ckpt").toString(), in.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("padded to 48×40") && r.out().contains("PSNR"), r.out());
        var back = ImageReader.read(out);
        assertEquals(16, back.bitDepth());
        assertEquals(45, back.image().width());
        assertEquals(37, back.image().height());

        JsonNode m = JSON.readTree(CliRun.of("metrics", in.toString(), in.toString(), "--format", "json").out());
        assertEquals("inf", m.get("psnr").asText());
        assertEquals(1.0, m.get("ssim").asDouble(), 1e-12);
        CliRun diff = CliRun.of("metrics", in.toString(), out.toString());
        assertEquals(0, diff.code(), diff.err());
        assertTrue(diff.out().contains("MS-SSIM - (image smaller than 176×176)"), diff.out());
        CliRun size = CliRun.of("metrics", in.toString(), run.resolve("reconstructions.png").toString());
        assertEquals(3, size.code());
        assertTrue(size.err().contains("differ in size"), size.err());
        Path junk = dir.resolve("junk.png");
        Files.writeString(junk, "junk");
        CliRun bad = CliRun.of("metrics", junk.toString(), in.toString());
        assertEquals(3, bad.code());
        assertTrue(bad.err().contains("junk.png"), bad.err());
        assertEquals(2, CliRun.of("reconstruct", in.toString(), out.toString()).code(), "needs a checkpoint: a usage error");
    }

    @Test
    void resumeOfAFinishedRunKeepsItsSummaryAndStepsExtendIt(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("small.json");
        SpecFiles.write(Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32), spec);
        Path run = dir.resolve("run");
        assertEquals(0, CliRun.of("train", "--spec", spec.toString(), "--steps", "4", "--batch", "2", "--validate-every", "2",
                "--log-every", "1", "--val-images", "2", "--out", run.toString()).code());
        JsonNode before = JSON.readTree(Files.readString(run.resolve("summary.json")));
        assertTrue(Double.isFinite(before.get("validationPsnr").asDouble()), before.toString());

        CliRun finished = CliRun.of("train", "--resume", "--out", run.toString());
        assertEquals(0, finished.code(), finished.err());
        assertTrue(finished.out().contains("already finished at step 4 of 4"), finished.out());
        JsonNode after = JSON.readTree(Files.readString(run.resolve("summary.json")));
        assertEquals(before, after, "summary.json of a finished run is left as it was");

        CliRun lower = CliRun.of("train", "--resume", "--steps", "3", "--out", run.toString());
        assertEquals(2, lower.code(), lower.err());
        assertTrue(lower.err().contains("--steps 3 is below the 4 steps this run has done"), lower.err());

        CliRun extended = CliRun.of("train", "--resume", "--steps", "6", "--out", run.toString());
        assertEquals(0, extended.code(), extended.err());
        assertTrue(extended.out().contains("extending the run from 4 to 6 steps") && extended.out().contains("schedule is recomputed"),
                extended.out());
        assertTrue(extended.out().contains("resuming after step 4 of 6"), extended.out());
        long trainLines = Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> l.contains("\"train\"")).count();
        assertEquals(6, trainLines);
        JsonNode summary = JSON.readTree(Files.readString(run.resolve("summary.json")));
        assertEquals(6, summary.get("steps").asLong());
        assertEquals(6, summary.get("config").get("steps").asLong());
    }

    @Test
    void folderOptions(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("small.json");
        SpecFiles.write(Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32), spec);
        Path data = dir.resolve("images");
        Files.createDirectories(data);
        List<GrayImage> ph = Phantoms.generate(3, 48, 5);
        for (int i = 0; i < 3; i++) ImageFiles.writePng8(ph.get(i), data.resolve("p" + i + ".png"));

        CliRun inside = CliRun.of("train", "--spec", spec.toString(), "--data", data.toString(), "--steps", "1",
                "--out", data.resolve("runs/a").toString());
        assertEquals(2, inside.code(), inside.err() + inside.out());
        assertTrue(inside.err().contains("inside --data"), inside.err());
        assertTrue(Files.notExists(data.resolve("runs")), "nothing written into the data folder");

        CliRun noValidation = CliRun.of("train", "--spec", spec.toString(), "--data", data.toString(), "--val-fraction", "0",
                "--steps", "1", "--batch", "2", "--val-images", "2", "--out", dir.resolve("r1").toString());
        assertEquals(0, noValidation.code(), noValidation.err());
        assertTrue(noValidation.out().contains("3 training images") && noValidation.out().contains("WARNING: validation uses the"
                + " training images (--val-fraction 0)"), noValidation.out());

        CliRun large = CliRun.of("train", "--spec", spec.toString(), "--data", data.toString(), "--max-pixels", "1000",
                "--steps", "1", "--out", dir.resolve("r2").toString());
        assertEquals(3, large.code(), large.err());
        assertTrue(large.err().contains("48×48 = 2304 pixels, more than --max-pixels 1000"), large.err());
        CliRun eval = CliRun.of("eval", "--data", data.toString(), "--max-pixels", "1000", "--checkpoint",
                dir.resolve("r1/final.ckpt").toString(), "--out", dir.resolve("eval").toString());
        assertEquals(3, eval.code(), eval.err());
        assertTrue(eval.out().contains("more than --max-pixels 1000") && eval.err().contains("no usable image"), eval.out() + eval.err());
    }

    @Test
    void badTrainingOptionsAreClearErrors(@TempDir Path dir) throws Exception {
        assertEquals(2, CliRun.of("train", "--steps", "0", "--out", dir.resolve("a").toString()).code());
        assertEquals(2, CliRun.of("train", "--epochs", "2", "--out", dir.resolve("b").toString()).code());
        CliRun loss = CliRun.of("train", "--loss", "huber", "--out", dir.resolve("c").toString());
        assertEquals(2, loss.code(), "an impossible option value is a usage error");
        assertTrue(loss.err().contains("loss must be one of mse, l1, mse+ssim, ms-ssim but was 'huber'"), loss.err());
        Path none = Files.createDirectories(dir.resolve("no-images"));
        CliRun empty = CliRun.of("train", "--data", none.toString(), "--steps", "1", "--out", dir.resolve("d").toString());
        assertEquals(3, empty.code(), empty.err());
        CliRun noResume = CliRun.of("train", "--resume", "--out", dir.resolve("none").toString());
        assertEquals(3, noResume.code());
        assertTrue(noResume.err().contains("no last.ckpt"), noResume.err());
    }

    @Test
    void aRunFolderThatIsAFileIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        CliRun r = CliRun.of("train", "--steps", "1", "--out", file.toString());
        assertEquals(74, r.code(), r.err());
        assertTrue(r.err().contains("it is a file"), r.err());
        CliRun below = CliRun.of("train", "--steps", "1", "--out", file.resolve("run").toString());
        assertEquals(74, below.code(), below.err());
        assertEquals("x", Files.readString(file), "nothing written over it");
    }

    @Test
    void msSsimTrainsAFactorizedModelAndItsWrongUsesAreUsageErrors(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("tiny.json");
        SpecFiles.write(Presets.FACTORIZED.withWidths(List.of(8, 8, 8), 12).withImageSize(176), spec);
        Path small = dir.resolve("small");
        CliRun crop = CliRun.of("train", "--spec", spec.toString(), "--loss", "ms-ssim", "--crop", "128", "--out", small.toString());
        assertEquals(2, crop.code(), crop.err());
        assertTrue(crop.err().lines().findFirst().orElse("").contains("loss ms-ssim needs crops of at least 176×176"), crop.err());
        assertTrue(Files.notExists(small), "refused before any work");
        CliRun baseline = CliRun.of("train", "--loss", "ms-ssim", "--crop", "128", "--out", small.toString());
        assertEquals(2, baseline.code(), "the same limit without an entropy model");
        for (String loss : List.of("l1", "mse+ssim")) {
            CliRun r = CliRun.of("train", "--spec", spec.toString(), "--loss", loss, "--out", small.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("loss " + loss + " is not available for a model with an entropy model"), r.err());
            assertTrue(Files.notExists(small));
        }

        Path run = dir.resolve("run");
        CliRun t = CliRun.of("train", "--spec", spec.toString(), "--loss", "ms-ssim", "--steps", "2", "--batch", "2", "--validate-every", "2",
                "--log-every", "1", "--val-images", "2", "--out", run.toString());
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("ms-ssim 0.") && t.out().contains("(bpp "), "the log line shows the loss's terms: " + t.out());
        CliRun otherLoss = CliRun.of("train", "--resume", "--loss", "mse", "--steps", "3", "--out", run.toString());
        assertEquals(2, otherLoss.code(), otherLoss.err());
        assertTrue(otherLoss.err().contains("--resume continues with the run's own --loss ms-ssim, not mse"), otherLoss.err());
        CliRun otherLambda = CliRun.of("train", "--resume", "--lambda", "0.01", "--out", run.toString());
        assertEquals(2, otherLambda.code(), otherLambda.err());
        assertTrue(otherLambda.err().contains("--resume continues with the run's own --lambda 8.73, not 0.01"), otherLambda.err());
        CliRun same = CliRun.of("train", "--resume", "--loss", "ms-ssim", "--lambda", "8.73", "--out", run.toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("already finished at step 2 of 2"), same.out());

        String help = CliRun.of("train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("λ·(1 − MS-SSIM) + bpp") && help.contains("2.40–220"), help);
    }
}
