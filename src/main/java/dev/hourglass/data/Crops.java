package dev.hourglass.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Crops, reflection padding and tiles of grayscale images. */
public final class Crops {

    private Crops() {
    }

    /** Index {@code i} reflected into [0, n) without repeating the edge pixel (PyTorch's "reflect"). */
    static int reflect(int i, int n) {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** The window [x0, x0+w) × [y0, y0+h), reading outside the image by reflection. */
    public static GrayImage window(GrayImage img, int x0, int y0, int w, int h) {
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int sy = reflect(y0 + y, img.height());
            for (int x = 0; x < w; x++) {
                out[y * w + x] = img.pixels()[sy * img.width() + reflect(x0 + x, img.width())];
            }
        }
        return new GrayImage(w, h, out);
    }

    /** Pads on the right and bottom by reflection up to the next multiples of {@code multiple}. */
    public static GrayImage padToMultiple(GrayImage img, int multiple) {
        int w = (img.width() + multiple - 1) / multiple * multiple;
        int h = (img.height() + multiple - 1) / multiple * multiple;
        return w == img.width() && h == img.height() ? img : window(img, 0, 0, w, h);
    }

    /** A uniformly placed size×size crop; images smaller than that are reflect-padded (the crop then starts at 0). */
    public static GrayImage randomCrop(GrayImage img, int size, Random r) {
        int[] o = randomOrigin(img, size, r);
        return window(img, o[0], o[1], size, size);
    }

    /** The top-left corner {x0, y0} that {@link #randomCrop} draws: the same draws from {@code r}, and no pixels copied. */
    public static int[] randomOrigin(GrayImage img, int size, Random r) {
        int x0 = img.width() > size ? r.nextInt(img.width() - size + 1) : 0;
        int y0 = img.height() > size ? r.nextInt(img.height() - size + 1) : 0;
        return new int[]{x0, y0};
    }

    /**
     * Deterministic size×size tiles covering the image: a grid with stride {@code size}, the last
     * row and column aligned to the far edge; smaller images give one reflect-padded tile.
     */
    public static List<GrayImage> tiles(GrayImage img, int size) {
        List<GrayImage> out = new ArrayList<>();
        for (int y : starts(img.height(), size)) {
            for (int x : starts(img.width(), size)) out.add(window(img, x, y, size, size));
        }
        return out;
    }

    /**
     * At most {@code count} size×size tiles spread over the whole image: a grid of evenly spaced
     * positions (about as many columns as rows, in the image's aspect ratio) from edge to edge,
     * corners included when there are two or more per side, the centre when there is one; the
     * whole covering grid of {@link #tiles} when {@code count} reaches its size.
     */
    public static List<GrayImage> spreadTiles(GrayImage img, int size, int count) {
        List<Integer> xs = starts(img.width(), size);
        List<Integer> ys = starts(img.height(), size);
        int grid = xs.size() * ys.size();
        if (count >= grid) return tiles(img, size);
        int nx = Math.max(1, img.width() / size);  // tiles that fit side by side without overlapping
        int ny = Math.max(1, img.height() / size);
        int cols = (int) Math.max(1, Math.min(nx, Math.round(Math.sqrt((double) count * img.width() / img.height()))));
        int rows = Math.max(1, Math.min(ny, (count + cols - 1) / cols));
        if (rows * cols < count) cols = Math.min(nx, (count + rows - 1) / rows);
        int n = rows * cols;
        List<GrayImage> out = new ArrayList<>();
        if (n < count) { // the image holds fewer separate tiles than asked: evenly spaced ones of the covering grid
            for (int j = 0; j < count; j++) {
                int k = (int) ((j + 0.5) * grid / count);
                out.add(window(img, xs.get(k % xs.size()), ys.get(k / xs.size()), size, size));
            }
            return out;
        }
        for (int j = 0; j < count; j++) {
            int k = (int) ((j + 0.5) * n / count); // evenly spread when fewer are wanted than the grid has
            out.add(window(img, spaced(k % cols, cols, img.width(), size), spaced(k / cols, rows, img.height(), size), size, size));
        }
        return out;
    }

    /** Start of the i-th of n evenly spaced windows of {@code size} along {@code length} (edge to edge; centred for n = 1). */
    private static int spaced(int i, int n, int length, int size) {
        if (length <= size) return 0;
        if (n == 1) return (length - size) / 2;
        return (int) Math.round((double) i * (length - size) / (n - 1));
    }

    /** How many tiles {@link #tiles} gives, without making them. */
    public static int tileCount(int width, int height, int size) {
        return starts(width, size).size() * starts(height, size).size();
    }

    private static List<Integer> starts(int length, int size) {
        List<Integer> s = new ArrayList<>();
        if (length <= size) {
            s.add(0);
            return s;
        }
        for (int p = 0; p + size <= length; p += size) s.add(p);
        if (s.get(s.size() - 1) + size < length) s.add(length - size);
        return s;
    }

    /** The top-left w×h part of an image (undoes {@link #padToMultiple}). */
    public static GrayImage cropTopLeft(GrayImage img, int w, int h) {
        return window(img, 0, 0, w, h);
    }
}
