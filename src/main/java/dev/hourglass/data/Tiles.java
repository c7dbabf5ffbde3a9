package dev.hourglass.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Tiles with a margin: a plane of width × height cut into cores of side {@code core} (the last row
 * and column smaller), each computed inside a window that adds {@code margin} of real neighbouring
 * context on every side, clipped to the plane. A network run on the window and cropped back to the
 * core gives what it gives on the whole plane when the margin exceeds how far it sees, while memory
 * stays bounded by the window. Units are whatever the caller tiles: pixels, or latent positions.
 */
public final class Tiles {

    /** One tile: the core [x, x+w) × [y, y+h) that is kept, and the window [wx, wx+ww) × [wy, wy+wh) that is computed. */
    public record Tile(int x, int y, int w, int h, int wx, int wy, int ww, int wh) {
    }

    private Tiles() {
    }

    /** Whether a plane is small enough to be computed whole: no side above one core and its two margins. */
    public static boolean fitsWhole(int width, int height, int core, int margin) {
        return width <= core + 2 * margin && height <= core + 2 * margin;
    }

    /** The tiles covering a plane, row by row. */
    public static List<Tile> cover(int width, int height, int core, int margin) {
        if (width < 1 || height < 1 || core < 1 || margin < 0) {
            throw new IllegalArgumentException("cannot tile " + width + "×" + height + " with cores of " + core + " and margin " + margin);
        }
        List<Tile> out = new ArrayList<>();
        for (int y = 0; y < height; y += core) {
            for (int x = 0; x < width; x += core) {
                int wx = Math.max(0, x - margin);
                int wy = Math.max(0, y - margin);
                int wx1 = Math.min(width, x + core + margin);
                int wy1 = Math.min(height, y + core + margin);
                out.add(new Tile(x, y, Math.min(core, width - x), Math.min(core, height - y), wx, wy, wx1 - wx, wy1 - wy));
            }
        }
        return out;
    }

    /** Copies a w×h block of every channel from (sx, sy) of src [C, sh, sw] to (dx, dy) of dst [C, dh, dw]. */
    public static void copy(float[] src, int channels, int sw, int sh, int sx, int sy,
                            float[] dst, int dw, int dh, int dx, int dy, int w, int h) {
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, (c * sh + sy + y) * sw + sx, dst, (c * dh + dy + y) * dw + dx, w);
            }
        }
    }
}
