package dev.hourglass.convmath;

/**
 * A 2-D convolution with a square kernel, as PyTorch's Conv2d or ConvTranspose2d defines it.
 *
 * <p>Conventions (stated here once, used by every tool that prints a MAC count):
 * <ul>
 *   <li>1 MAC is one multiply followed by one add; FLOPs = 2 × MACs, plus one add per output
 *       element for the bias.</li>
 *   <li>Conv2d: MACs = H_out·W_out · C_out · k² · C_in/g.</li>
 *   <li>ConvTranspose2d: MACs = H_in·W_in · C_in · k² · C_out/g. Every input value is multiplied
 *       into k² output positions of C_out/g channels once; counting at the output resolution
 *       instead (as torchinfo and thop do) over-counts by s² (4× at stride 2).</li>
 * </ul>
 */
public record ConvLayer(ConvKind kind, int inChannels, int outChannels, int kernel, int stride,
                        int padding, int dilation, int groups, boolean bias, int outputPadding) {

    public ConvLayer {
        requirePositive("inChannels", inChannels);
        requirePositive("outChannels", outChannels);
        requirePositive("kernel", kernel);
        requirePositive("stride", stride);
        requirePositive("dilation", dilation);
        requirePositive("groups", groups);
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be 0 or more but was " + padding);
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("channels must be divisible by groups: in " + inChannels
                    + " and out " + outChannels + " with groups " + groups);
        }
        if (outputPadding < 0 || (outputPadding > 0 && kind == ConvKind.CONV)) {
            throw new IllegalArgumentException("output padding applies to transposed convolutions only"
                    + " and must be 0 or more, but was " + outputPadding);
        }
        if (kind == ConvKind.TRANSPOSED && outputPadding >= Math.max(stride, dilation)) {
            throw new IllegalArgumentException("output padding must be smaller than stride or dilation, but was "
                    + outputPadding + " with stride " + stride + " and dilation " + dilation);
        }
    }

    /** Conv2d with dilation 1, groups 1 and a bias. */
    public static ConvLayer conv(int in, int out, int kernel, int stride, int padding) {
        return new ConvLayer(ConvKind.CONV, in, out, kernel, stride, padding, 1, 1, true, 0);
    }

    /** ConvTranspose2d with dilation 1, groups 1, a bias and no output padding. */
    public static ConvLayer transposed(int in, int out, int kernel, int stride, int padding) {
        return new ConvLayer(ConvKind.TRANSPOSED, in, out, kernel, stride, padding, 1, 1, true, 0);
    }

    /** ConvTranspose2d with dilation 1, groups 1, a bias and the given output padding. */
    public static ConvLayer transposed(int in, int out, int kernel, int stride, int padding, int outputPadding) {
        return new ConvLayer(ConvKind.TRANSPOSED, in, out, kernel, stride, padding, 1, 1, true, outputPadding);
    }

    public boolean isTransposed() {
        return kind == ConvKind.TRANSPOSED;
    }

    /** Span of the dilated kernel: d(k−1)+1. */
    public int effectiveKernel() {
        return dilation * (kernel - 1) + 1;
    }

    /** Output size along one spatial axis; throws when the input is too small for the kernel. */
    public int outputSize(int in) {
        return (int) outputSizeWorked(in).value();
    }

    public WorkedArithmetic outputSizeWorked(int in) {
        requirePositive("input size", in);
        if (isTransposed()) {
            long out = (long) (in - 1) * stride - 2L * padding + (long) dilation * (kernel - 1) + outputPadding + 1;
            if (out < 1) {
                throw new IllegalArgumentException("transposed convolution output would be " + out
                        + " for input " + in + ": padding " + padding + " is too large");
            }
            return new WorkedArithmetic("output size", "(in − 1)·s − 2p + d(k − 1) + output_padding + 1",
                    "(" + in + " − 1)·" + stride + " − 2·" + padding + " + " + dilation + "·(" + kernel + " − 1) + "
                            + outputPadding + " + 1", out);
        }
        long padded = in + 2L * padding;
        if (padded < effectiveKernel()) {
            throw new IllegalArgumentException("kernel larger than the padded input: kernel span "
                    + effectiveKernel() + " but padded input is " + padded + " (input " + in + ", padding " + padding + ")");
        }
        long out = Math.floorDiv(padded - (long) dilation * (kernel - 1) - 1, stride) + 1;
        return new WorkedArithmetic("output size", "⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1",
                "⌊(" + in + " + 2·" + padding + " − " + dilation + "·(" + kernel + " − 1) − 1) / " + stride + "⌋ + 1", out);
    }

    public long parameters() {
        return parametersWorked().value();
    }

    public WorkedArithmetic parametersWorked() {
        // out·(in/g) equals in·(out/g); the formula is written the way each weight tensor is laid out
        long weights = Exact.multiply("the parameter count", outChannels, inChannels / groups, kernel, kernel);
        String formula = isTransposed() ? "C_in·(C_out/g)·k²" : "C_out·(C_in/g)·k²";
        String numbers = isTransposed()
                ? inChannels + "·(" + outChannels + "/" + groups + ")·" + kernel + "²"
                : outChannels + "·(" + inChannels + "/" + groups + ")·" + kernel + "²";
        if (bias) {
            return new WorkedArithmetic("parameters", formula + " + C_out", numbers + " + " + outChannels, Exact.add("the parameter count", weights, outChannels));
        }
        return new WorkedArithmetic("parameters", formula, numbers, weights);
    }

    public long macs(int heightIn, int widthIn) {
        return macsWorked(heightIn, widthIn).value();
    }

    /** Multiply-accumulates for one image of heightIn × widthIn (see the class comment). */
    public WorkedArithmetic macsWorked(int heightIn, int widthIn) {
        if (isTransposed()) {
            long v = Exact.multiply("the MAC count", heightIn, widthIn, inChannels, kernel, kernel, outChannels / groups);
            return new WorkedArithmetic("MACs", "H_in·W_in·C_in·k²·(C_out/g)",
                    heightIn + "·" + widthIn + "·" + inChannels + "·" + kernel + "²·(" + outChannels + "/" + groups + ")", v);
        }
        int h = outputSize(heightIn);
        int w = outputSize(widthIn);
        long v = Exact.multiply("the MAC count", h, w, outChannels, kernel, kernel, inChannels / groups);
        return new WorkedArithmetic("MACs", "H_out·W_out·C_out·k²·(C_in/g)",
                h + "·" + w + "·" + outChannels + "·" + kernel + "²·(" + inChannels + "/" + groups + ")", v);
    }

    /** FLOPs for one image: 2 per MAC, plus one add per output element when there is a bias. */
    public long flops(int heightIn, int widthIn) {
        long outputs = Exact.multiply("the FLOP count", outChannels, outputSize(heightIn), outputSize(widthIn));
        return Exact.add("the FLOP count", Exact.multiply("the FLOP count", 2, macs(heightIn, widthIn)), bias ? outputs : 0);
    }

    /** A compact description, e.g. {@code Conv2d(64→128, k3, s1, p1)}. */
    public String describe() {
        StringBuilder b = new StringBuilder(kind.torchName()).append('(').append(inChannels).append("→")
                .append(outChannels).append(", k").append(kernel).append(", s").append(stride).append(", p").append(padding);
        if (dilation != 1) b.append(", d").append(dilation);
        if (groups != 1) b.append(", g").append(groups);
        if (outputPadding != 0) b.append(", op").append(outputPadding);
        if (!bias) b.append(", no bias");
        return b.append(')').toString();
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
    }
}
