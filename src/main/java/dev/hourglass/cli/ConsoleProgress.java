package dev.hourglass.cli;

import dev.hourglass.train.Progress;
import dev.hourglass.train.StepLog;
import dev.hourglass.train.ValidationLog;

import java.io.PrintWriter;
import java.util.Locale;

/** A progress bar redrawn in place on a terminal; plain periodic log lines otherwise. */
final class ConsoleProgress implements Progress {

    private final PrintWriter out;
    private final boolean terminal;
    private boolean barShown;
    private long firstStep = 1; // the step this process started at (later than 1 when resumed)

    ConsoleProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onStart(long first) {
        this.firstStep = first;
    }

    @Override
    public void onStep(StepLog l, long total, double lastPsnr) {
        double perStep = l.elapsedSeconds() / (l.step() - firstStep + 1); // elapsed counts from this process's first step
        String eta = duration(perStep * (total - l.step()));
        String psnr = Double.isNaN(lastPsnr) ? "-" : String.format(Locale.ROOT, "%.2f dB", lastPsnr);
        if (terminal) {
            int width = 30;
            int done = (int) (width * l.step() / total);
            out.printf(Locale.ROOT, "\r[%s%s] %d/%d loss %.5f  PSNR %s  %.1f img/s  ETA %s ", "#".repeat(done), ".".repeat(width - done),
                    l.step(), total, l.loss(), psnr, l.imagesPerSecond(), eta);
            barShown = true;
        } else {
            out.printf(Locale.ROOT, "step %d/%d  loss %.6f%s  lr %.2e  grad-norm %.3g  PSNR %s  %.1f img/s  data-wait %.1f%%  ETA %s%n",
                    l.step(), total, l.loss(), terms(l), l.lr(), l.gradNorm(), psnr, l.imagesPerSecond(), 100 * l.dataWaitShare(), eta);
        }
        out.flush();
    }

    /** The terms of a rate–distortion loss (bpp, MSE, MS-SSIM when trained on), or nothing. */
    private static String terms(StepLog l) {
        StringBuilder b = new StringBuilder();
        if (l.bpp() != null) b.append(String.format(Locale.ROOT, " (bpp %.4f", l.bpp()));
        if (l.mse() != null) b.append(String.format(Locale.ROOT, ", mse %.3g", l.mse()));
        if (l.msSsim() != null) b.append(String.format(Locale.ROOT, ", ms-ssim %.4f", l.msSsim()));
        return b.isEmpty() ? "" : b.append(')').toString();
    }

    @Override
    public void onValidation(ValidationLog v) {
        endBar();
        out.printf(Locale.ROOT, "validation at step %d: PSNR %.2f dB, SSIM %.4f over %d tiles%n", v.step(), v.psnr(), v.ssim(), v.tiles());
        out.flush();
    }

    @Override
    public void message(String text) {
        endBar();
        out.println(text);
        out.flush();
    }

    void endBar() {
        if (barShown) {
            out.println();
            barShown = false;
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60) : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
