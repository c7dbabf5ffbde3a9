package dev.hourglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.BoundedFiles;
import dev.hourglass.codec.Bjontegaard;
import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Phantoms;
import dev.hourglass.inspect.html.RateDistortion;
import dev.hourglass.inspect.html.TrainingRun;
import dev.hourglass.train.RunMetrics;
import dev.hourglass.train.StepLog;
import dev.hourglass.train.ValidationLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Reads what {@code report --html} shows besides the model: a run folder (train's metrics.jsonl and
 * reconstructions.png), an eval folder (the points.json that {@code eval} writes, with Bjøntegaard
 * deltas of every learned curve against every reference codec) and the picture under the
 * receptive field. A missing or unreadable input is exit code 3.
 */
final class HtmlSources {

    /** The reference codecs of {@code eval}, by the name its curves carry, and how the page names them. */
    static final Map<String, String> REFERENCES = Map.of("jpeg (ImageIO)", "JPEG (ImageIO)", "cjpeg", "JPEG (cjpeg)",
            "webp", "WebP (cwebp)", "jpeg2000", "JPEG 2000 (opj_compress)");
    private static final long MAX_JSON = 64L << 20;

    private HtmlSources() {
    }

    static TrainingRun run(Path dir) {
        Path metrics = dir.resolve("metrics.jsonl");
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--run " + dir + ": no such folder");
        if (!Files.isRegularFile(metrics)) throw new IllegalArgumentException("--run " + dir + ": no metrics.jsonl in it (not a run folder)");
        try {
            RunMetrics m = RunMetrics.read(metrics);
            if (m.steps().isEmpty() && m.validations().isEmpty()) throw new IllegalArgumentException(metrics + ": no training or validation line");
            Path grid = dir.resolve("reconstructions.png");
            byte[] png = Files.isRegularFile(grid) ? BoundedFiles.read(grid, 256L << 20) : null;
            return new TrainingRun(dir.toString(), points(m.steps(), StepLog::step, StepLog::loss),
                    points(m.steps().stream().filter(s -> s.bpp() != null).toList(), StepLog::step, StepLog::bpp),
                    points(m.validations(), ValidationLog::step, ValidationLog::psnr), points(m.validations(), ValidationLog::step, ValidationLog::ssim),
                    points(m.validations().stream().filter(v -> v.bpp() != null).toList(), ValidationLog::step, ValidationLog::bpp), png);
        } catch (IOException e) {
            throw new IllegalArgumentException("--run " + dir + ": " + Outputs.describe(e), e);
        }
    }

    private static <T> List<TrainingRun.Point> points(List<T> rows, Function<T, Long> step, Function<T, Double> value) {
        return rows.stream().map(r -> new TrainingRun.Point(step.apply(r), value.apply(r))).toList();
    }

    static RateDistortion eval(Path dir) {
        Path file = dir.resolve("points.json");
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--eval " + dir + ": no such folder");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--eval " + dir + ": no points.json in it (run 'hourglass eval --out " + dir + "')");
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(BoundedFiles.read(file, MAX_JSON));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + Outputs.describe(e), e);
        }
        if (doc == null || !doc.path("curves").isArray()) throw new IllegalArgumentException(file + ": no \"curves\" array (not written by eval)");
        List<String> images = new ArrayList<>();
        doc.path("images").forEach(n -> images.add(n.asText()));
        List<RateDistortion.Curve> curves = new ArrayList<>();
        for (JsonNode c : doc.path("curves")) {
            String codec = c.path("codec").asText();
            List<RateDistortion.Point> pts = new ArrayList<>();
            for (JsonNode p : c.path("points")) {
                pts.add(new RateDistortion.Point(num(p, "setting"), num(p, "bpp"), num(p, "psnr"), num(p, "msssim")));
            }
            curves.add(new RateDistortion.Curve(REFERENCES.getOrDefault(codec, codec), !REFERENCES.containsKey(codec), pts));
        }
        return new RateDistortion(dir.toString(), images, curves, deltas(curves));
    }

    /** A number that eval may have written as "NaN" (Jackson writes non-finite doubles as strings). */
    private static double num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return Double.NaN;
        return v.isNumber() ? v.asDouble() : v.asDouble(Double.NaN);
    }

    static List<RateDistortion.Delta> deltas(List<RateDistortion.Curve> curves) {
        List<RateDistortion.Delta> out = new ArrayList<>();
        for (RateDistortion.Curve test : curves) {
            if (!test.learned()) continue;
            for (RateDistortion.Curve ref : curves) {
                if (ref.learned()) continue;
                out.add(new RateDistortion.Delta(test.codec(), ref.codec(),
                        Bjontegaard.rate(values(ref, RateDistortion.Point::bpp), values(ref, RateDistortion.Point::psnr),
                                values(test, RateDistortion.Point::bpp), values(test, RateDistortion.Point::psnr)),
                        Bjontegaard.psnr(values(ref, RateDistortion.Point::bpp), values(ref, RateDistortion.Point::psnr),
                                values(test, RateDistortion.Point::bpp), values(test, RateDistortion.Point::psnr))));
            }
        }
        return out;
    }

    private static double[] values(RateDistortion.Curve c, ToDoubleFunction<RateDistortion.Point> f) {
        return c.points().stream().mapToDouble(f).toArray();
    }

    /** The picture under the receptive field: the central size×size of {@code image} (reflect-padded if smaller), or a phantom. */
    static GrayImage background(Path image, int size, long seed) {
        if (image == null) return Phantoms.generate(1, size, seed + 1000).get(0);
        GrayImage g = CompressCommand.read(image).image();
        return Crops.window(g, (g.width() - size) / 2, (g.height() - size) / 2, size, size);
    }

    static String backgroundLabel(Path image, int size) {
        return image == null ? "a procedural CT-like phantom of " + size + "×" + size + " pixels"
                : "the central " + size + "×" + size + " pixels of " + image.getFileName();
    }
}
