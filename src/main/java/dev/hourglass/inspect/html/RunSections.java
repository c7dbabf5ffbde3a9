package dev.hourglass.inspect.html;

import dev.hourglass.inspect.Numbers;
import dev.hourglass.inspect.Table;

/** The optional sections: a training run's curves and reconstructions, and an evaluation's rate–distortion curves. */
final class RunSections {

    private RunSections() {
    }

    static void training(Page p, TrainingRun run) {
        p.section("training", "Training run");
        p.paragraph("From " + run.folder() + ": " + run.loss().size() + " logged training steps and " + run.psnr().size() + " validations.");
        if (!run.loss().isEmpty()) {
            p.svgFigure("fig-loss", TrainingFigures.lossSvg(run), "Line chart of the training loss by step", TrainingFigures.lossCaption(run));
        }
        if (!run.psnr().isEmpty()) {
            p.svgFigure("fig-val-psnr", TrainingFigures.psnrSvg(run), "Line chart of validation PSNR by step", TrainingFigures.psnrCaption(run));
        }
        if (run.codec()) {
            p.svgFigure("fig-bpp", TrainingFigures.bppSvg(run), "Line chart of bits per pixel by step", TrainingFigures.bppCaption(run));
        }
        if (run.reconstructionsPng() != null) {
            int w = pngWidth(run.reconstructionsPng());
            p.pngFigure("fig-reconstructions", run.reconstructionsPng(), w < 260 ? w * Math.max(1, 260 / w) : Math.min(w, 520),
                    "Validation tiles on the left and the model's reconstructions on the right",
                    "Reconstructions at the end of the run (reconstructions.png): each row is a validation tile (left) and its reconstruction (right)"
                            + (run.psnr().isEmpty() ? "." : "; the last validation's mean PSNR was "
                            + Numbers.fixed(run.psnr().get(run.psnr().size() - 1).value(), 2) + " dB."));
        }
        Table t = new Table(">Step", ">PSNR dB", ">SSIM", ">bpp");
        for (int i = 0; i < run.psnr().size(); i++) {
            TrainingRun.Point v = run.psnr().get(i);
            String ssim = i < run.ssim().size() ? Numbers.fixed(run.ssim().get(i).value(), 4) : "-";
            String bpp = run.validationBpp().stream().filter(x -> x.step() == v.step()).map(x -> Numbers.fixed(x.value(), 4)).findFirst().orElse("-");
            t.row(v.step(), Numbers.fixed(v.value(), 2), ssim, bpp);
        }
        if (t.size() > 0) p.table("Validations", t, t.size() > 12);
        p.endSection();
    }

    static void rateDistortion(Page p, RateDistortion rd) {
        p.section("rate-distortion", "Rate–distortion");
        p.paragraph("From " + rd.folder() + ": " + rd.curves().size() + " codecs on " + rd.images().size() + " image"
                + (rd.images().size() == 1 ? "" : "s") + " (" + String.join(", ", rd.images().stream().limit(8).toList())
                + (rd.images().size() > 8 ? ", …" : "") + ").");
        p.svgFigure("fig-rd-psnr", RdFigures.svg(rd, false), "Rate–distortion curves, PSNR against bits per pixel, for "
                + String.join(", ", rd.curves().stream().map(RateDistortion.Curve::codec).toList()), RdFigures.caption(rd, false));
        if (RdFigures.hasMsssim(rd)) {
            p.svgFigure("fig-rd-msssim", RdFigures.svg(rd, true), "Rate–distortion curves, MS-SSIM against bits per pixel",
                    RdFigures.caption(rd, true));
        }
        if (!rd.deltas().isEmpty()) p.table("Bjøntegaard deltas (negative BD-rate: fewer bits than the reference at equal PSNR)",
                RdFigures.deltas(rd), false);
        p.table("Operating points (means over the images)", RdFigures.points(rd), true);
        p.endSection();
    }

    /** Width from a PNG's IHDR chunk (bytes 16–19); 520 when the bytes are not a PNG. */
    static int pngWidth(byte[] png) {
        if (png.length < 24 || (png[1] != 'P' || png[2] != 'N' || png[3] != 'G')) return 520;
        return ((png[16] & 0xFF) << 24) | ((png[17] & 0xFF) << 16) | ((png[18] & 0xFF) << 8) | (png[19] & 0xFF);
    }
}
