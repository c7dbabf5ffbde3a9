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
        int x0 = img.width() > size ? r.nextInt(img.width() - size + 1) : 0;
        int y0 = img.height() > size ? r.nextInt(img.height() - size + 1) : 0;
        return window(img, x0, y0, size, size);
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
