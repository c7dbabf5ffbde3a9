package dev.hourglass.inspect;

import dev.hourglass.convmath.ReceptiveField;
import dev.hourglass.convmath.Shape;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.EffectiveFieldMeasurement;
import dev.hourglass.runtime.ModelRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Formats a {@link ReceptiveFieldReport}; writes the gradient map as an image. */
public final class ReceptiveFieldRenderer {

    private ReceptiveFieldRenderer() {
    }

    public static String markdown(ReceptiveFieldReport r, boolean md) {
        StringBuilder b = new StringBuilder();
        Table t = new Table("Layer", "Convolution", ">RF", ">Jump", ">Start", "Arithmetic");
        for (ReceptiveFieldReport.Row row : r.encoder()) {
            t.row(row.path(), row.layer(), row.rf(), row.jump(), ReceptiveField.formatStart(row.start()), row.arithmetic());
        }
        b.append(md ? t.markdown() : t.text()).append('\n');
        ReceptiveFieldReport.Row last = r.encoder().get(r.encoder().size() - 1);
        b.append("Each latent pixel stands for a ").append(r.patch()).append('×').append(r.patch())
                .append(" patch; its receptive field is ").append(last.rf()).append('×').append(last.rf())
                .append(" (latent pixel 0 sees input rows ").append(r.latentUnitSees()).append(", its patch is [0, ")
                .append(r.patch() - 1).append("]): ").append(r.coversPatch() ? "it covers the patch, with context around it."
                        : "it does NOT cover its patch.").append('\n');
        b.append("Decoder projective field: one latent pixel influences up to ").append(r.projectiveField()).append('×')
                .append(r.projectiveField()).append(" = ").append(Numbers.count(r.projectiveField() * r.projectiveField()))
                .append(" output pixels.\n");
        b.append("\nReceptive field of the central output pixel, by route through the network:\n");
        for (ReceptiveFieldReport.PathField p : r.paths()) {
            b.append(md ? "- " : "  ").append(p.route()).append(": ").append(p.rf()).append('×').append(p.rf()).append('\n');
        }
        if (r.effective() != null) {
            ReceptiveFieldReport.Effective e = r.effective();
            b.append("\nEffective receptive field (|∂ central latent unit / ∂ input|, mean over ").append(e.input())
                    .append(" random inputs): 50% of the gradient mass lies in the central ").append(e.side50()).append('×')
                    .append(e.side50()).append(" square, 95% in ").append(e.side95()).append('×').append(e.side95())
                    .append("; the theoretical field is ").append(e.theoretical()).append('×').append(e.theoretical()).append(".\n");
        }
        if (!r.variants().isEmpty()) b.append("\nGrowing the field without adding layers (computed by convmath):\n");
        for (ReceptiveFieldReport.Variant v : r.variants()) {
            b.append(md ? "- " : "  ").append(v.change()).append(": RF ").append(v.rf()).append(", jump ").append(v.jump()).append('\n');
        }
        return b.toString();
    }

    /**
     * The gradient map of the effective field (|∂ central latent unit / ∂ input|, mean over 8 random
     * inputs, the measurement behind the report's 50%/95% sides), scaled so that its maximum is 1.
     */
    public static GrayImage gradientImage(ModelRunner probe, ModelSpec s, long seed) {
        return gradientImage(EffectiveFieldMeasurement.centralLatentGradient(probe,
                Shape.of(8, s.inputChannels(), s.imageSize(), s.imageSize()), seed));
    }

    /** A measured gradient map as an image, its maximum 1 (also for a TorchScript model's map). */
    public static GrayImage gradientImage(EffectiveFieldMeasurement.GradientMap m) {
        double max = 0;
        for (double v : m.values()) max = Math.max(max, v);
        float[] px = new float[m.values().length];
        for (int i = 0; i < px.length; i++) px[i] = max == 0 ? 0 : (float) (m.values()[i] / max);
        return new GrayImage(m.width(), m.height(), px);
    }

    /** The gradient map of {@link #gradientImage} as an 8-bit PNG, its maximum white. */
    public static void writeGradientPng(ModelRunner probe, ModelSpec s, long seed, Path file) {
        try {
            ImageFiles.writePng8(gradientImage(probe, s, seed), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
