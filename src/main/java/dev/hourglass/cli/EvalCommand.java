package dev.hourglass.cli;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.codec.Bjontegaard;
import dev.hourglass.codec.Evaluation;
import dev.hourglass.codec.ShippedModels;
import dev.hourglass.data.Downscale;
import dev.hourglass.codec.RdCurve;
import dev.hourglass.codec.RdPlot;
import dev.hourglass.codec.RdPoint;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.data.ImageLoadException;
import dev.hourglass.data.ImageReader;
import dev.hourglass.data.LoadedImage;
import dev.hourglass.inspect.Table;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Rate–distortion evaluation of trained models against JPEG on a folder of images.",
                "Every image at every step Δ: real .hg file size in bits per pixel (headers included), PSNR, SSIM, MS-SSIM,"
                        + " encode and decode time; the same images through the JDK's JPEG writer at a sweep of qualities, and"
                        + " through cjpeg, cwebp and opj_compress when installed. Writes points.json, rd-psnr.png,"
                        + " rd-msssim.png and prints the curves with the Bjøntegaard delta rate and PSNR of each model"
                        + " against JPEG."})
final class EvalCommand extends Verb {

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "A trained model; repeat for several (default: the shipped models"
            + " of models/). Step-quantised models get one curve each over --steps; models with a learned entropy model give one"
            + " point each, joined into the curve --label.")
    List<Path> checkpoints = new ArrayList<>();
    @Option(names = "--label", defaultValue = "hourglass learned", description = "Name of the curve of the learned-entropy models (default: ${DEFAULT-VALUE}).")
    String label;
    @Option(names = "--downscale", defaultValue = "1", paramLabel = "F", description = "Shrink every image by the integer factor F (box"
            + " filter) first, e.g. 4 for JPEG photographs, so their block artefacts do not flatter JPEG (default: ${DEFAULT-VALUE}).")
    int downscale;
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Evaluation images (not used in training).")
    Path data;
    @Option(names = "--steps", split = ",", defaultValue = "8,4,2,1,0.5,0.25",
            description = "Quantisation steps Δ (default: ${DEFAULT-VALUE}).")
    List<Double> steps;
    @Option(names = "--out", defaultValue = "runs/eval", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--max-pixels", paramLabel = "N", converter = Usage.PositiveLong.class, defaultValue = "67108864",
            description = "Skip (and report) images whose header claims more than N pixels, before decoding them (default: ${DEFAULT-VALUE} = 2^26,"
                    + " e.g. 8192×8192).")
    long maxPixels;
    @Option(names = "--ceiling", description = "Also measure each learned model's transform ceiling: the PSNR of g_s(g_a(x)) with the"
            + " latent not quantised, which coding approaches as the rate grows (one more pass through both networks per"
            + " image). A coded point near its ceiling is limited by the networks, not by the rate.")
    boolean ceiling;
    @Mixin
    DeviceOptions deviceOptions;

    @Override
    public void run() {
        PrintWriter o = out();
        Outputs.checkFolder(out); // before the evaluation, not after it
        try {
            List<Path> models = new ArrayList<>(checkpoints);
            String curve = label;
            if (models.isEmpty()) {
                ShippedModels shipped = ShippedModels.in(ShippedModels.defaultFolder());
                shipped.entries().forEach(e -> models.add(e.checkpoint()));
                curve = "hourglass (shipped)";
            }
            List<String> labels; // before the images load, so that a repeated --checkpoint fails at once
            try {
                labels = CheckpointLabels.of(models);
            } catch (IllegalArgumentException e) {
                throw Usage.error(spec, e.getMessage());
            }
            DeviceChoice device = deviceOptions.apply();
            List<Evaluation.Named> images = images(o);
            List<RdPoint> points = new ArrayList<>();
            int learned = 0;
            List<Ceiling> ceilings = new ArrayList<>();
            for (int m = 0; m < models.size(); m++) {
                Path c = models.get(m);
                Checkpoint.Loaded loaded = Checkpoint.load(c);
                if (!loaded.checksummed()) ModelOptions.warnUnverified(spec.commandLine().getErr(), c);
                ModelRunner p = ModelRunner.of(loaded.model(), device);
                if (p.spec().hasEntropyModel()) {
                    points.addAll(Evaluation.learned(curve, ++learned, p, images));
                    if (ceiling) ceilings.add(new Ceiling(labels.get(m), curve, learned, Evaluation.ceilingPsnr(p, images)));
                } else {
                    points.addAll(Evaluation.hourglass(labels.get(m), p, images, steps));
                    if (ceiling) o.println("--ceiling: " + labels.get(m) + " has no learned entropy model; its curve over --steps approaches its"
                            + " ceiling as Δ shrinks, so none is measured");
                }
            }
            points.addAll(Evaluation.jpeg(images, o::println));
            points.addAll(Evaluation.external(images, o::println));
            List<RdCurve> curves = RdCurve.of(points);
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw Outputs.failed(out, e);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("images", images.stream().map(Evaluation.Named::name).toList());
            doc.put("curves", curves);
            doc.put("points", points);
            Map<String, Map<String, Double>> bd = bd(curves);
            doc.put("bjontegaardVsJpeg", bd);
            if (ceiling) doc.put("transformCeilings", ceilings);
            Outputs.writeString(out.resolve("points.json"), Json.write(doc) + "\n");
            Outputs.png(out.resolve("rd-psnr.png"), target -> RdPlot.write(curves, false, target));
            Outputs.png(out.resolve("rd-msssim.png"), target -> RdPlot.write(curves, true, target));
            print(o, curves, bd, images.size());
            printCeilings(o, ceilings, curves);
            o.println("written: " + out.resolve("points.json") + ", " + out.resolve("rd-psnr.png") + ", " + out.resolve("rd-msssim.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FormatException e) {
            throw new IllegalStateException("a file this run just wrote did not decode: " + e.getMessage(), e);
        }
    }

    /** A learned model's transform ceiling: the mean PSNR of its reconstructions from unquantised latents. */
    record Ceiling(String model, String curve, int setting, double psnrDb) {
    }

    private static void printCeilings(PrintWriter o, List<Ceiling> ceilings, List<RdCurve> curves) {
        for (Ceiling c : ceilings) {
            RdCurve.Point coded = curves.stream().filter(r -> r.codec().equals(c.curve())).flatMap(r -> r.points().stream())
                    .filter(p -> p.setting() == c.setting()).findFirst().orElseThrow();
            o.printf(Locale.ROOT, "transform ceiling of %s (setting %d): %.2f dB unquantised; coded %.2f dB at %.4f bpp, %.2f dB under it%n",
                    c.model(), c.setting(), c.psnrDb(), coded.psnr(), coded.bpp(), c.psnrDb() - coded.psnr());
        }
    }

    private List<Evaluation.Named> images(PrintWriter o) throws IOException {
        if (!Files.isDirectory(data)) throw new IllegalArgumentException(data + ": not a folder");
        List<Evaluation.Named> images = new ArrayList<>();
        try (Stream<Path> s = Files.walk(data)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    LoadedImage img = ImageReader.read(p, maxPixels);
                    images.add(new Evaluation.Named(data.relativize(p).toString(), Downscale.box(img.image(), downscale), img.bitDepth()));
                } catch (ImageLoadException e) {
                    o.println("skipped " + e.getMessage());
                }
            }
        }
        if (images.isEmpty()) throw new IllegalArgumentException(data + ": no usable image");
        return images;
    }

    private static Map<String, Map<String, Double>> bd(List<RdCurve> curves) {
        Map<String, Map<String, Double>> bd = new LinkedHashMap<>();
        RdCurve jpeg = curves.stream().filter(c -> c.codec().equals("jpeg (ImageIO)")).findFirst().orElse(null);
        if (jpeg == null) return bd; // JPEG coded none of the images
        for (RdCurve c : curves) {
            if (c == jpeg) continue;
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("bdRatePercent", Bjontegaard.rate(jpeg.bpp(), jpeg.psnr(), c.bpp(), c.psnr()));
            m.put("bdPsnrDb", Bjontegaard.psnr(jpeg.bpp(), jpeg.psnr(), c.bpp(), c.psnr()));
            bd.put(c.codec(), m);
        }
        return bd;
    }

    private static void print(PrintWriter o, List<RdCurve> curves, Map<String, Map<String, Double>> bd, int n) {
        Table t = new Table("Codec", ">Setting", ">bpp", ">PSNR dB", ">SSIM", ">MS-SSIM", ">Encode ms", ">Decode ms");
        for (RdCurve c : curves) {
            for (RdCurve.Point p : c.points()) {
                t.row(c.codec(), String.format(Locale.ROOT, "%.4g", p.setting()), String.format(Locale.ROOT, "%.4f", p.bpp()),
                        String.format(Locale.ROOT, "%.2f", p.psnr()), String.format(Locale.ROOT, "%.4f", p.ssim()),
                        Double.isNaN(p.msssim()) ? "-" : String.format(Locale.ROOT, "%.4f", p.msssim()),
                        String.format(Locale.ROOT, "%.1f", 1000 * p.encodeSeconds()), String.format(Locale.ROOT, "%.1f", 1000 * p.decodeSeconds()));
            }
        }
        o.println("Means over " + n + " image(s):");
        o.print(t.text());
        bd.forEach((codec, m) -> o.printf(Locale.ROOT, "%s against JPEG (ImageIO): BD-rate %s, BD-PSNR %s%n", codec,
                Double.isNaN(m.get("bdRatePercent")) ? "n/a (curves do not overlap)" : String.format(Locale.ROOT, "%+.1f%%", m.get("bdRatePercent")),
                Double.isNaN(m.get("bdPsnrDb")) ? "n/a" : String.format(Locale.ROOT, "%+.2f dB", m.get("bdPsnrDb"))));
    }
}
