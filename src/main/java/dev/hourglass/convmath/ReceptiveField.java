package dev.hourglass.convmath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Receptive fields of convolution chains.
 *
 * <p>{@link #recursion} is the textbook recursion for forward convolutions (Araujo et al., 2019):
 * RF_n = RF_{n−1} + (k_eff − 1)·jump_{n−1}, jump_n = jump_{n−1}·s, and
 * start_n = start_{n−1} + ((k_eff − 1)/2 − p)·jump_{n−1}.
 *
 * <p>{@link #inputsOf} and {@link #outputsOf} propagate exact index intervals one layer back or
 * forward. They work for transposed convolutions too, where the recursion has no meaning, and so
 * give receptive fields through decoders and projective fields of latent pixels. Intervals ignore
 * the holes a dilated kernel leaves, as receptive-field sizes conventionally do.
 */
public final class ReceptiveField {

    private ReceptiveField() {
    }

    /** RF, jump and start after each layer of a chain of forward convolutions. */
    public static List<RfStep> recursion(List<ConvLayer> layers) {
        List<RfStep> steps = new ArrayList<>();
        long rf = 1;
        long jump = 1;
        double start = 0;
        int i = 0;
        for (ConvLayer l : layers) {
            if (l.isTransposed()) {
                throw new IllegalArgumentException("layer " + (i + 1) + " is a " + l.kind().torchName()
                        + ": the receptive-field recursion covers forward convolutions only");
            }
            long next = Exact.add("the receptive field", rf, Exact.multiply("the receptive field", l.effectiveKernel() - 1, jump));
            WorkedArithmetic w = new WorkedArithmetic("RF_" + (i + 1), "RF_" + i + " + (k_eff − 1)·jump_" + i,
                    rf + " + (" + l.effectiveKernel() + " − 1)·" + jump, next);
            start = start + ((l.effectiveKernel() - 1) / 2.0 - l.padding()) * jump;
            jump = Exact.multiply("the jump", jump, l.stride());
            rf = next;
            i++;
            steps.add(new RfStep("layer " + i + " " + l.describe(), Exact.toInt("the receptive field", rf), Exact.toInt("the jump", jump), start, w));
        }
        return steps;
    }

    /** Input positions of {@code layer} that the outputs in {@code outputs} depend on (unclipped). */
    public static Interval inputsOf(ConvLayer layer, Interval outputs) {
        long s = layer.stride();
        long p = layer.padding();
        long span = layer.effectiveKernel() - 1L;
        if (!layer.isTransposed()) {
            // output o reads inputs o·s − p ... o·s − p + span
            return new Interval(outputs.lo() * s - p, outputs.hi() * s - p + span);
        }
        // a transposed conv writes input i to outputs i·s − p ... i·s − p + span
        return new Interval(Math.floorDiv(outputs.lo() + p - span + s - 1, s), Math.floorDiv(outputs.hi() + p, s));
    }

    /** Output positions of {@code layer} that the inputs in {@code inputs} influence (unclipped). */
    public static Interval outputsOf(ConvLayer layer, Interval inputs) {
        long s = layer.stride();
        long p = layer.padding();
        long span = layer.effectiveKernel() - 1L;
        if (layer.isTransposed()) {
            return new Interval(inputs.lo() * s - p, inputs.hi() * s - p + span);
        }
        return new Interval(Math.floorDiv(inputs.lo() + p - span + s - 1, s), Math.floorDiv(inputs.hi() + p, s));
    }

    /** Formats a start value without a trailing ".0" for whole numbers. */
    public static String formatStart(double start) {
        return start == Math.rint(start) ? Long.toString((long) start) : String.format(Locale.ROOT, "%.1f", start);
    }
}
