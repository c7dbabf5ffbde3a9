package dev.hourglass.codec;

import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.runtime.LatentCode;
import dev.hourglass.runtime.EncoderDecoder;

import java.util.List;

/**
 * Runs the analysis and synthesis networks on large images tile by tile, so memory stays bounded
 * by the tile, not the image. Each tile is computed with a margin of real neighbouring context
 * ({@value #MARGIN} pixels, {@value #MARGIN}/f latent rows) that is then thrown away. The margin
 * exceeds how far the networks see (the factorized preset's encoder sees ±30 pixels, its decoder
 * ±2 latent rows), so every kept value is what the whole image would give, up to float rounding:
 * there are no tile seams to hide. Tiling changes nothing in the file; it is how the codec runs.
 */
final class Tiling {

    /** Side of a tile's kept core, in pixels. */
    static final int TILE = 768;
    /** Context around each core, in pixels; a multiple of every preset's downsampling factor. */
    static final int MARGIN = 64;

    private Tiling() {
    }

    /** The latent [C, H/f, W/f] of a padded image (sides multiples of f). */
    static float[] analyse(EncoderDecoder probe, GrayImage padded, int tile) {
        int f = probe.spec().downsampling();
        int lw = padded.width() / f;
        int lh = padded.height() / f;
        if (padded.width() <= tile + 2 * MARGIN && padded.height() <= tile + 2 * MARGIN) {
            return probe.encode(padded.pixels(), padded.height(), padded.width()).latent();
        }
        float[] latent = null;
        int channels = 0;
        for (int y0 = 0; y0 < padded.height(); y0 += tile) {
            for (int x0 = 0; x0 < padded.width(); x0 += tile) {
                int ex0 = Math.max(0, x0 - MARGIN);
                int ey0 = Math.max(0, y0 - MARGIN);
                int ex1 = Math.min(padded.width(), x0 + tile + MARGIN);
                int ey1 = Math.min(padded.height(), y0 + tile + MARGIN);
                GrayImage window = Crops.window(padded, ex0, ey0, ex1 - ex0, ey1 - ey0);
                LatentCode code = probe.encode(window.pixels(), window.height(), window.width());
                if (latent == null) {
                    channels = (int) code.latentShape()[0];
                    latent = new float[Math.multiplyExact(channels, Math.multiplyExact(lh, lw))];
                }
                int tw = (ex1 - ex0) / f;
                int th = (ey1 - ey0) / f;
                copy(code.latent(), channels, tw, th, (x0 - ex0) / f, (y0 - ey0) / f,
                        latent, lw, lh, x0 / f, y0 / f, Math.min(tile, padded.width() - x0) / f, Math.min(tile, padded.height() - y0) / f);
            }
        }
        return latent;
    }

    /** The image (sides lw·f × lh·f) that the decoder makes of a latent [C, lh, lw]. */
    static float[] synthesise(EncoderDecoder probe, float[] latent, int channels, int lh, int lw, int tile) {
        int f = probe.spec().downsampling();
        int core = tile / f;
        int margin = MARGIN / f;
        if (lw <= core + 2 * margin && lh <= core + 2 * margin) {
            return probe.decode(new LatentCode(latent, new long[]{channels, lh, lw}, List.of(), List.of()));
        }
        int width = lw * f;
        float[] image = new float[Math.multiplyExact(width, lh * f)];
        for (int y0 = 0; y0 < lh; y0 += core) {
            for (int x0 = 0; x0 < lw; x0 += core) {
                int ex0 = Math.max(0, x0 - margin);
                int ey0 = Math.max(0, y0 - margin);
                int ex1 = Math.min(lw, x0 + core + margin);
                int ey1 = Math.min(lh, y0 + core + margin);
                int tw = ex1 - ex0;
                int th = ey1 - ey0;
                float[] part = new float[channels * tw * th];
                copy(latent, channels, lw, lh, ex0, ey0, part, tw, th, 0, 0, tw, th);
                float[] px = probe.decode(new LatentCode(part, new long[]{channels, th, tw}, List.of(), List.of()));
                int cw = Math.min(core, lw - x0) * f;
                int ch = Math.min(core, lh - y0) * f;
                copy(px, 1, tw * f, th * f, (x0 - ex0) * f, (y0 - ey0) * f, image, width, lh * f, x0 * f, y0 * f, cw, ch);
            }
        }
        return image;
    }

    /** Copies a w×h block of every channel from (sx, sy) of src [C, sh, sw] to (dx, dy) of dst [C, dh, dw]. */
    private static void copy(float[] src, int channels, int sw, int sh, int sx, int sy,
                             float[] dst, int dw, int dh, int dx, int dy, int w, int h) {
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, (c * sh + sy + y) * sw + sx, dst, (c * dh + dy + y) * dw + dx, w);
            }
        }
    }
}
