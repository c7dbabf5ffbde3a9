package dev.hourglass.cli;

import dev.hourglass.data.LoadedImage;
import dev.hourglass.metrics.ImageQuality;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"PSNR, SSIM and MS-SSIM between two images.",
                "PSNR, SSIM and MS-SSIM between two grayscale images of the same size. Pixel values are scaled by "
                        + "their bit depth (255 or 65535) to [0,1], so the data range is the bit depth's full scale. SSIM: "
                        + "11×11 Gaussian window, σ 1.5, K1 0.01, K2 0.03 (Wang et al. 2004); MS-SSIM: five scales (Wang et al."
                        + " 2003), needs 176×176. From a megapixel on, each stage is reported on standard error."})
final class MetricsCommand extends Verb {

    @Parameters(index = "0", paramLabel = "A", description = "Reference image.")
    Path a;
    @Parameters(index = "1", paramLabel = "B", description = "Test image.")
    Path b;
    @Mixin
    FormatOptions.TextOrJson formatOption;

    @Override
    public void run() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.JSON);
        StageProgress progress = new StageProgress(spec.commandLine().getErr(), "metrics", System.console() != null);
        LoadedImage x = CompressCommand.read(a);
        progress.read(a, x.image(), x.bitDepth());
        LoadedImage y = CompressCommand.read(b);
        progress.read(b, y.image(), y.bitDepth());
        ImageQuality q = ImageQuality.of(x.image(), y.image(), true, m -> progress.stage("computing " + m));
        double[] s = {q.psnr(), q.ssim(), q.msssim()};
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("psnr", Double.isInfinite(s[0]) ? "inf" : s[0]);
        m.put("ssim", Double.isNaN(s[1]) ? null : s[1]);
        m.put("msssim", Double.isNaN(s[2]) ? null : s[2]);
        m.put("width", x.image().width());
        m.put("height", x.image().height());
        m.put("bitDepthA", x.bitDepth());
        m.put("bitDepthB", y.bitDepth());
        var o = out();
        if (formatOption.format == OutputFormat.JSON) {
            o.println(Json.write(m));
            return;
        }
        o.printf(Locale.ROOT, "PSNR    %s%n", Double.isInfinite(s[0]) ? "inf (identical)" : String.format(Locale.ROOT, "%.4f dB", s[0]));
        o.printf(Locale.ROOT, "SSIM    %s%n", Double.isNaN(s[1]) ? "- (image smaller than 11×11)" : String.format(Locale.ROOT, "%.6f", s[1]));
        o.printf(Locale.ROOT, "MS-SSIM %s%n", Double.isNaN(s[2]) ? "- (image smaller than 176×176)" : String.format(Locale.ROOT, "%.6f", s[2]));
    }
}
