package dev.hourglass.cli;

import dev.hourglass.data.GrayImage;
import dev.hourglass.train.Reconstruction;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a verb that works on one large image (reconstruct, metrics), on standard error so
 * that standard output stays the result: a line per stage ("reconstruct: computing SSIM"), and tiles
 * as a bar redrawn in place on a terminal or a line every tenth of them elsewhere. Silent for images
 * below {@value #LARGE} pixels, which take well under a second.
 */
final class StageProgress implements Reconstruction.Listener {

    /** From this many pixels on (a megapixel), an image's stages are reported. */
    static final long LARGE = 1L << 20;

    private final PrintWriter err;
    private final String verb;
    private final boolean terminal;
    private boolean active;
    private boolean barShown;
    private final long t0 = System.nanoTime();

    StageProgress(PrintWriter err, String verb, boolean terminal) {
        this.err = err;
        this.verb = verb;
        this.terminal = terminal;
    }

    /** Turns the reports on when the image is large, and says that it was read. */
    void read(java.nio.file.Path file, GrayImage img, int bitDepth) {
        if ((long) img.width() * img.height() >= LARGE) active = true;
        stage(String.format(Locale.ROOT, "read %s: %d×%d, %d-bit (%.1f megapixels)", file, img.width(), img.height(), bitDepth,
                img.width() * (double) img.height() / 1e6));
    }

    @Override
    public void stage(String text) {
        if (!active) return;
        endBar();
        err.printf(Locale.ROOT, "%s: %s (%.1f s)%n", verb, text, (System.nanoTime() - t0) / 1e9);
        err.flush();
    }

    @Override
    public void tile(int done, int total) {
        if (!active || total < 2) return;
        if (terminal) {
            int width = 30;
            int filled = width * done / total;
            err.printf(Locale.ROOT, "\r%s: [%s%s] tile %d/%d ", verb, "#".repeat(filled), ".".repeat(width - filled), done, total);
            barShown = true;
        } else if (done == total || done % Math.max(1, total / 10) == 0) {
            err.printf(Locale.ROOT, "%s: tile %d/%d (%.1f s)%n", verb, done, total, (System.nanoTime() - t0) / 1e9);
        }
        err.flush();
    }

    void endBar() {
        if (barShown) {
            err.println();
            barShown = false;
        }
    }
}
