package dev.hourglass.codec;

import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Tiles;
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
 * The tiles themselves are {@link Tiles}' (shared with {@code reconstruct}).
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
        if (Tiles.fitsWhole(padded.width(), padded.height(), tile, MARGIN)) {
            return probe.encode(padded.pixels(), padded.height(), padded.width()).latent();
        }
        float[] latent = null;
        int channels = 0;
        for (Tiles.Tile t : Tiles.cover(padded.width(), padded.height(), tile, MARGIN)) {
            GrayImage window = Crops.window(padded, t.wx(), t.wy(), t.ww(), t.wh());
            LatentCode code = probe.encode(window.pixels(), window.height(), window.width());
            if (latent == null) {
                channels = (int) code.latentShape()[0];
                latent = new float[Math.multiplyExact(channels, Math.multiplyExact(lh, lw))];
            }
            Tiles.copy(code.latent(), channels, t.ww() / f, t.wh() / f, (t.x() - t.wx()) / f, (t.y() - t.wy()) / f,
                    latent, lw, lh, t.x() / f, t.y() / f, t.w() / f, t.h() / f);
        }
        return latent;
    }

    /** The image (sides lw·f × lh·f) that the decoder makes of a latent [C, lh, lw]. */
    static float[] synthesise(EncoderDecoder probe, float[] latent, int channels, int lh, int lw, int tile) {
        int f = probe.spec().downsampling();
        int core = tile / f;
        int margin = MARGIN / f;
        if (Tiles.fitsWhole(lw, lh, core, margin)) {
            return probe.decode(new LatentCode(latent, new long[]{channels, lh, lw}, List.of(), List.of()));
        }
        int width = lw * f;
        float[] image = new float[Math.multiplyExact(width, lh * f)];
        for (Tiles.Tile t : Tiles.cover(lw, lh, core, margin)) {
            float[] part = new float[channels * t.ww() * t.wh()];
            Tiles.copy(latent, channels, lw, lh, t.wx(), t.wy(), part, t.ww(), t.wh(), 0, 0, t.ww(), t.wh());
            float[] px = probe.decode(new LatentCode(part, new long[]{channels, t.wh(), t.ww()}, List.of(), List.of()));
            Tiles.copy(px, 1, t.ww() * f, t.wh() * f, (t.x() - t.wx()) * f, (t.y() - t.wy()) * f, image, width, lh * f,
                    t.x() * f, t.y() * f, t.w() * f, t.h() * f);
        }
        return image;
    }
}
