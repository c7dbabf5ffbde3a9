package dev.hourglass.inspect;

/** Formats a {@link SkipReport}. */
public final class SkipRenderer {

    private SkipRenderer() {
    }

    public static String text(SkipReport r, boolean md) {
        String li = md ? "- " : "  ";
        StringBuilder b = new StringBuilder();
        b.append(li).append("Encoder returns: ").append(r.encoderReturns()).append('\n');
        b.append(li).append("Decoder accepts: ").append(r.decoderAccepts()).append('\n');
        b.append(li).append("Combination: ").append(r.combination()).append('\n');
        if (r.psnrIntact() == null) { // not measured: see the meaning
            return b.append('\n').append(r.meaning()).append('\n').toString();
        }
        if (!r.stages().isEmpty()) {
            b.append("\n(a) Share of each decoder stage's input channels that come from skips:\n\n");
            Table t = new Table("Concatenation", "Upsampled", "Skip", ">Skip channels", ">Share");
            for (SkipReport.Stage s : r.stages()) {
                t.row(s.path(), s.upsampled(), s.skip(), s.skipChannels() + " of " + (s.skipChannels() + s.upsampledChannels()),
                        Numbers.fixed(100 * s.skipShare(), 1) + "%");
            }
            b.append(md ? t.markdown() : t.text());
            b.append("\n(b) Gradient of the reconstruction MSE: ‖∂/∂latent‖ = ").append(GradientFlow.sci(r.latentGradNorm()));
            for (int i = 0; i < r.skipGradNorms().size(); i++) {
                b.append(", ‖∂/∂skip").append(i).append("‖ = ").append(GradientFlow.sci(r.skipGradNorms().get(i)));
            }
            b.append("; the latent receives ").append(Numbers.fixed(100 * r.latentGradShare(), 1))
                    .append("% of the gradient norm, the skips ").append(Numbers.fixed(100 * (1 - r.latentGradShare()), 1)).append("%.\n");
            b.append("\n(c) Reconstruction PSNR on ").append(r.images()).append(": intact ").append(db(r.psnrIntact()))
                    .append(", skips zeroed ").append(db(r.psnrSkipsZeroed())).append(", latent zeroed ").append(db(r.psnrLatentZeroed()))
                    .append(".\n");
        } else {
            b.append("\nNo skip connections: the latent is the only path (reconstruction PSNR on ").append(r.images())
                    .append(": intact ").append(db(r.psnrIntact())).append(", latent zeroed ").append(db(r.psnrLatentZeroed())).append(").\n");
        }
        b.append('\n').append(r.meaning()).append('\n');
        return b.toString();
    }

    static String db(Double v) {
        return v == null ? "-" : Numbers.fixed(v, 2) + " dB";
    }
}
