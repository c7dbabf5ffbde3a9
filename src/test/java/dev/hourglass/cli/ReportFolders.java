package dev.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.codec.RdCurve;
import dev.hourglass.codec.RdPoint;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.Phantoms;
import dev.hourglass.train.StepLog;
import dev.hourglass.train.ValidationLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run and eval folders for the HTML report's tests, written with the records train and eval
 * write (StepLog, ValidationLog, RdPoint, RdCurve), so the fields are the real ones: a codec run
 * with bpp, and an evaluation with a learned curve against JPEG, WebP and JPEG 2000.
 */
final class ReportFolders {

    private ReportFolders() {
    }

    static Path codecRun(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (int step = 10; step <= 200; step += 10) {
            double bpp = 0.9 * Math.exp(-step / 120.0) + 0.25;
            double mse = 0.02 * Math.exp(-step / 80.0) + 0.002;
            lines.append(json.writeValueAsString(new StepLog("train", step, 0.0067 * 255 * 255 * mse + bpp, 1e-3, 0.5, 8, 0.1, step * 0.4, bpp, mse)))
                    .append('\n');
            if (step % 50 == 0) {
                lines.append(json.writeValueAsString(new ValidationLog("validation", step, 20 + 8 * (1 - Math.exp(-step / 90.0)),
                        0.6 + 0.002 * step / 2, 16, step * 0.4, bpp * 0.9))).append('\n');
            }
        }
        lines.append("{\"kind\":\"train\",\"step\":21"); // a line cut off by a kill: left out
        Files.writeString(dir.resolve("metrics.jsonl"), lines.toString());
        List<GrayImage> tiles = Phantoms.generate(2, 64, 9);
        float[] px = new float[(2 * 64 + 4) * (2 * 64 + 4)];
        java.util.Arrays.fill(px, 1f);
        int w = 2 * 64 + 4;
        for (int i = 0; i < 2; i++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    float v = tiles.get(i).get(x, y);
                    px[(i * 68 + y) * w + x] = v;
                    px[(i * 68 + y) * w + 68 + x] = Math.min(1, v * 0.9f + 0.05f);
                }
            }
        }
        ImageFiles.writePng8(new GrayImage(w, w, px), dir.resolve("reconstructions.png"));
        return dir;
    }

    static Path eval(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<RdPoint> points = new ArrayList<>();
        for (String image : List.of("a.png", "b.png")) {
            double shift = image.equals("a.png") ? 0 : 1;
            for (double lambda : new double[]{0.0016, 0.0035, 0.0067, 0.013, 0.025}) {
                double bpp = 2.2 * Math.sqrt(lambda);
                points.add(point("hourglass learned", image, lambda, bpp, 24 + 6 * Math.log10(bpp * 10) + shift));
            }
            for (int q : new int[]{5, 10, 20, 40, 60, 80, 95}) {
                double bpp = 0.1 + q / 40.0;
                points.add(point("jpeg (ImageIO)", image, q, bpp, 22 + 7 * Math.log10(bpp * 10) + shift));
                points.add(point("webp", image, q, bpp * 0.8, 23 + 7 * Math.log10(bpp * 10) + shift));
            }
            for (int r : new int[]{160, 80, 40, 20, 10, 5}) {
                double bpp = 8.0 / r;
                points.add(point("jpeg2000", image, r, bpp, 23.5 + 7 * Math.log10(bpp * 10) + shift));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>(); // the layout EvalCommand writes
        doc.put("images", List.of("a.png", "b.png"));
        doc.put("curves", RdCurve.of(points));
        doc.put("points", points);
        doc.put("bjontegaardVsJpeg", Map.of());
        Files.writeString(dir.resolve("points.json"), Json.write(doc) + "\n");
        return dir;
    }

    private static RdPoint point(String codec, String image, double setting, double bpp, double psnr) {
        return new RdPoint(codec, image, setting, Math.round(bpp * 256 * 256 / 8), bpp, psnr, 0.9, 0.8 + psnr / 200, 0.01, 0.01);
    }
}
