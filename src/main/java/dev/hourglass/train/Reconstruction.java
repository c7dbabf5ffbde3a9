package dev.hourglass.train;

import dev.hourglass.data.Crops;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Tiles;
import dev.hourglass.metrics.ImageQuality;
import dev.hourglass.model.Architecture;
import dev.hourglass.runtime.ModelRunner;

/**
 * A whole image through a model: reflect-padded to a multiple of the downsampling factor,
 * reconstructed in eval mode, cropped back, and scored against the input. Images larger than one
 * tile are run tile by tile ({@link Tiles}, as the codec does): cores of {@value #TILE} pixels, each
 * inside a window with at least as much real context on every side as the network looks beyond an
 * output pixel ({@link Architecture#contextPixels}, rounded up to the downsampling factor), so the
 * result is the whole image's up to float rounding while memory stays bounded by the window.
 */
public final class Reconstruction {

    /** Side of a tile's kept core, in pixels (rounded up to a multiple of the downsampling factor). */
    public static final int TILE = 512;

    public record Result(GrayImage image, double psnr, double ssim, int paddedWidth, int paddedHeight, int tiles) {
    }

    /** Hears what a long reconstruction is doing. */
    public interface Listener {
        /** A stage begins ("reconstructing in 48 tiles …", "scoring …"). */
        default void stage(String text) {
        }

        /** {@code done} of {@code total} tiles are finished. */
        default void tile(int done, int total) {
        }

        Listener NONE = new Listener() {
        };
    }

    private Reconstruction() {
    }

    public static Result run(ModelRunner probe, GrayImage input) {
        return run(probe, input, TILE, Listener.NONE);
    }

    /** @param tile side of the tiles' cores in pixels */
    public static Result run(ModelRunner probe, GrayImage input, int tile, Listener listener) {
        int f = probe.spec().downsampling();
        int core = roundUp(tile, f);
        int margin = roundUp(Architecture.contextPixels(probe.spec()), f);
        GrayImage padded = Crops.padToMultiple(input, f);
        int pw = padded.width();
        int ph = padded.height();
        float[] out;
        int tiles;
        if (Tiles.fitsWhole(pw, ph, core, margin)) {
            tiles = 1;
            listener.stage("reconstructing " + pw + "×" + ph + " in one piece");
            out = probe.reconstruct(padded.pixels(), 1, ph, pw);
            listener.tile(1, 1);
        } else {
            var cover = Tiles.cover(pw, ph, core, margin);
            tiles = cover.size();
            listener.stage("reconstructing " + pw + "×" + ph + " in " + tiles + " tiles of " + core + "×" + core + " with " + margin
                    + " pixels of context on each side");
            out = new float[Math.multiplyExact(pw, ph)];
            int done = 0;
            for (Tiles.Tile t : cover) {
                GrayImage window = Crops.window(padded, t.wx(), t.wy(), t.ww(), t.wh());
                float[] y = probe.reconstruct(window.pixels(), 1, t.wh(), t.ww());
                Tiles.copy(y, 1, t.ww(), t.wh(), t.x() - t.wx(), t.y() - t.wy(), out, pw, ph, t.x(), t.y(), t.w(), t.h());
                listener.tile(++done, tiles);
            }
        }
        GrayImage y = Crops.cropTopLeft(new GrayImage(pw, ph, out), input.width(), input.height());
        ImageQuality q = ImageQuality.of(input, y, false, m -> listener.stage("computing " + m));
        return new Result(y, q.psnr(), q.ssim(), pw, ph, tiles);
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
