package dev.hourglass.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One codec's rate–distortion curve: per setting, the means over the images, sorted by rate. */
public record RdCurve(String codec, List<Point> points) {

    /** Means over the images at one setting; MS-SSIM is NaN when an image was too small for it. */
    public record Point(double setting, double bpp, double psnr, double ssim, double msssim, double encodeSeconds,
                        double decodeSeconds) {
    }

    public RdCurve {
        points = List.copyOf(points);
    }

    public static List<RdCurve> of(List<RdPoint> all) {
        Map<String, Map<Double, List<RdPoint>>> by = new LinkedHashMap<>();
        for (RdPoint p : all) by.computeIfAbsent(p.codec(), k -> new LinkedHashMap<>()).computeIfAbsent(p.setting(), k -> new ArrayList<>()).add(p);
        List<RdCurve> out = new ArrayList<>();
        by.forEach((codec, settings) -> {
            List<Point> pts = new ArrayList<>();
            settings.forEach((s, ps) -> pts.add(new Point(s, mean(ps, RdPoint::bpp), mean(ps, RdPoint::psnr), mean(ps, RdPoint::ssim),
                    mean(ps, RdPoint::msssim), mean(ps, RdPoint::encodeSeconds), mean(ps, RdPoint::decodeSeconds))));
            pts.sort(Comparator.comparingDouble(Point::bpp));
            out.add(new RdCurve(codec, pts));
        });
        return out;
    }

    public double[] bpp() {
        return points.stream().mapToDouble(Point::bpp).toArray();
    }

    public double[] psnr() {
        return points.stream().mapToDouble(Point::psnr).toArray();
    }

    private static double mean(List<RdPoint> ps, java.util.function.ToDoubleFunction<RdPoint> f) {
        return ps.stream().mapToDouble(f).average().orElse(Double.NaN);
    }
}
