package dev.hourglass.codec;

import dev.hourglass.codec.format.FormatException;
import dev.hourglass.data.GrayImage;
import dev.hourglass.metrics.ImageQuality;
import dev.hourglass.metrics.Psnr;
import dev.hourglass.runtime.EncoderDecoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rate–distortion evaluation in the manner of CompressAI's eval tools: every image at every
 * operating point of every codec, with bits per pixel from the real compressed size.
 */
public final class Evaluation {

    public static final List<Integer> JPEG_QUALITIES = List.of(1, 2, 3, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95);

    private Evaluation() {
    }

    /** hourglass at each step Δ; {@code name} labels the curve (e.g. the checkpoint's file name). */
    public static List<RdPoint> hourglass(String name, EncoderDecoder probe, List<Named> images, List<Double> steps) throws FormatException {
        List<RdPoint> out = new ArrayList<>();
        for (Named n : images) {
            for (double step : steps) {
                long t0 = System.nanoTime();
                byte[] file = Codec.compress(probe, n.image(), n.bitDepth(), step, probe.spec().hasSkips());
                long t1 = System.nanoTime();
                GrayImage y = Codec.decompress(probe, file).image();
                long t2 = System.nanoTime();
                out.add(point(name, n, step, file.length, y, (t1 - t0) / 1e9, (t2 - t1) / 1e9));
            }
        }
        return out;
    }

    /**
     * A model with a learned entropy model: one rate point per image, the file really written and
     * decoded; {@code setting} labels the point on its curve (e.g. the model's λ).
     */
    public static List<RdPoint> learned(String curve, double setting, EncoderDecoder probe, List<Named> images) throws FormatException {
        List<RdPoint> out = new ArrayList<>();
        for (Named n : images) {
            long t0 = System.nanoTime();
            byte[] file = LearnedCodec.compress(probe, n.image(), n.bitDepth());
            long t1 = System.nanoTime();
            GrayImage y = LearnedCodec.decompress(probe, file).image();
            long t2 = System.nanoTime();
            out.add(point(curve, n, setting, file.length, y, (t1 - t0) / 1e9, (t2 - t1) / 1e9));
        }
        return out;
    }

    /**
     * The mean PSNR over the images of a learned model's reconstruction from its unquantised latent
     * ({@link LearnedCodec#unquantised}): the ceiling its coded points approach as the rate grows.
     */
    public static double ceilingPsnr(EncoderDecoder probe, List<Named> images) {
        double sum = 0;
        for (Named n : images) sum += Psnr.of(n.image().pixels(), LearnedCodec.unquantised(probe, n.image()).pixels(), 1);
        return sum / images.size();
    }

    /** The JDK's JPEG at every quality; an image it cannot code (e.g. a side above 65,500) is reported to {@code skipped} and left out. */
    public static List<RdPoint> jpeg(List<Named> images, Consumer<String> skipped) {
        List<RdPoint> out = new ArrayList<>();
        for (Named n : images) {
            List<RdPoint> mine = new ArrayList<>();
            try {
                for (int q : JPEG_QUALITIES) {
                    long t0 = System.nanoTime();
                    byte[] jpg = JpegBaseline.encode(n.image(), q);
                    long t1 = System.nanoTime();
                    GrayImage y = JpegBaseline.decode(jpg);
                    long t2 = System.nanoTime();
                    mine.add(point("jpeg (ImageIO)", n, q, jpg.length, y, (t1 - t0) / 1e9, (t2 - t1) / 1e9));
                }
            } catch (IOException | RuntimeException e) {
                skipped.accept("jpeg (ImageIO) skipped " + n.name() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                continue;
            }
            out.addAll(mine);
        }
        return out;
    }

    /** Installed command-line codecs; each missing one is reported to {@code skipped}. */
    public static List<RdPoint> external(List<Named> images, Consumer<String> skipped) throws IOException {
        List<RdPoint> out = new ArrayList<>();
        for (ExternalCodec c : ExternalCodec.known()) {
            if (!c.installed()) {
                skipped.accept(c.name() + " skipped: " + c.encoder() + "/" + c.decoder() + " not installed");
                continue;
            }
            Path work = Files.createTempDirectory("hourglass-" + c.name());
            try {
                for (Named n : images) {
                    List<RdPoint> mine = new ArrayList<>();
                    try {
                        for (int s : c.settings()) {
                            ExternalCodec.Result r = c.run(n.image(), s, work);
                            mine.add(point(c.name(), n, s, r.compressed().length, r.decoded(), r.encodeSeconds(), r.decodeSeconds()));
                        }
                    } catch (IOException | RuntimeException e) { // one codec failing on one image does not abort the evaluation
                        skipped.accept(c.name() + " skipped " + n.name() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                        continue;
                    }
                    out.addAll(mine);
                }
            } finally {
                try (var files = Files.list(work)) {
                    for (Path p : files.toList()) Files.deleteIfExists(p);
                }
                Files.deleteIfExists(work);
            }
        }
        return out;
    }

    private static RdPoint point(String codec, Named n, double setting, long bytes, GrayImage y, double enc, double dec) {
        ImageQuality q = ImageQuality.of(n.image(), y);
        long pixels = (long) n.image().width() * n.image().height();
        return new RdPoint(codec, n.name(), setting, bytes, bytes * 8.0 / pixels, q.psnr(), q.ssim(), q.msssim(), enc, dec);
    }

    /** An evaluation image with its name and bit depth. */
    public record Named(String name, GrayImage image, int bitDepth) {
    }
}
