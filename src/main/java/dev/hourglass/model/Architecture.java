package dev.hourglass.model;

import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.Exact;
import dev.hourglass.convmath.Shape;
import dev.hourglass.convmath.ShapePropagation;

import java.util.ArrayList;
import java.util.List;

/**
 * The forward pass of a spec as predicted by convmath, operation by operation in execution
 * order, without libtorch; each operation knows which earlier operations feed it, so the list is
 * also the model's data-flow graph. Tests hold it against what the real modules do.
 */
public final class Architecture {

    /** A tensor of the plan: its shape and the index of the operation that produced it. */
    private record Node(Shape shape, int op) {
    }

    private final ModelSpec spec;
    private final List<PlannedOp> ops = new ArrayList<>();
    private Node latent;
    private final List<Node> skips = new ArrayList<>();

    private Architecture(ModelSpec spec) {
        this.spec = spec;
    }

    /**
     * Throws unless height and width are multiples of the downsampling factor, the condition for
     * the output to have the input's shape.
     */
    public static void requireDivisible(ModelSpec spec, Shape input) {
        int f = spec.downsampling();
        if (input.rank() != 4 || input.dim(2) % f != 0 || input.dim(3) % f != 0) {
            throw new IllegalArgumentException("input height and width must be multiples of " + f
                    + " (the encoder's downsampling factor) but the input is " + input);
        }
    }

    /**
     * Plans the forward pass of {@code spec} for an input of shape (N, C, H, W). Sizes that are not
     * multiples of the downsampling factor are planned as libtorch would run them (flooring), except
     * that a skip concatenation of mismatched sizes is refused, naming the operation.
     */
    public static Architecture plan(ModelSpec spec, Shape input) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("input must have shape (N, C, H, W) but was " + input);
        }
        if (input.dim(1) != spec.inputChannels()) {
            throw new IllegalArgumentException("input must have " + spec.inputChannels() + " channel(s) but has " + input.dim(1));
        }
        Architecture a = new Architecture(spec);
        a.build(new Node(input, PlannedOp.IMAGE));
        return a;
    }

    /**
     * How far, in input pixels, an output pixel of the whole network looks beyond its own position:
     * the most over one period of the downsampling (output rows S/2 … S/2 + f − 1 of a plan at the
     * spec's image size S), through every path of the graph ({@link DataFlow}). Computing a tile
     * with at least this much real context around it gives the values the whole image would give.
     */
    public static int contextPixels(ModelSpec spec) {
        int s = spec.imageSize();
        List<PlannedOp> ops = plan(spec, Shape.of(1, spec.inputChannels(), s, s)).ops;
        long radius = 0;
        for (long u = s / 2; u < s / 2 + spec.downsampling(); u++) {
            dev.hourglass.convmath.Interval in = DataFlow.inputRows(ops, ops.size() - 1, u, (k, i) -> true);
            radius = Math.max(radius, Math.max(u - in.lo(), in.hi() - u));
        }
        return Math.toIntExact(radius);
    }

    public ModelSpec spec() {
        return spec;
    }

    public List<PlannedOp> ops() {
        return List.copyOf(ops);
    }

    public Shape latent() {
        return latent.shape();
    }

    /** Index of the operation whose output is the latent. */
    public int latentOp() {
        return latent.op();
    }

    /** Shapes of the skip tensors the encoder returns, highest resolution first. */
    public List<Shape> skips() {
        return skips.stream().map(Node::shape).toList();
    }

    /** Indices of the operations whose outputs are the skips, highest resolution first. */
    public List<Integer> skipOps() {
        return skips.stream().map(Node::op).toList();
    }

    public Shape output() {
        return ops.get(ops.size() - 1).output();
    }

    public long parameters() {
        return ops.stream().mapToLong(PlannedOp::parameters).sum();
    }

    /**
     * MACs of the whole planned forward pass, for the whole batch, from the planned shapes: each
     * convolution (and GDN's 1×1 convolution) at its planned input size, each other operation by
     * its cost per output element (README, Conventions).
     */
    public long macs() {
        return count("the MAC count", false);
    }

    /** FLOPs of the whole planned forward pass, for the whole batch, counted as {@link #macs()} is. */
    public long flops() {
        return count("the FLOP count", true);
    }

    private long count(String what, boolean flops) {
        long total = 0;
        for (PlannedOp op : ops) {
            long n;
            if (op.conv() != null) {
                Shape in = op.inputs().get(0);
                int h = Math.toIntExact(in.dim(2));
                int w = Math.toIntExact(in.dim(3));
                n = Exact.multiply(what, in.dim(0), flops ? op.conv().flops(h, w) : op.conv().macs(h, w));
            } else {
                n = flops ? op.kind().cost().flops(op.output().numel()) : op.kind().cost().macs(op.output().numel());
            }
            total = Exact.add(what, total, n);
        }
        return total;
    }

    private void build(Node input) {
        List<ConvLayer> enc = spec.encoderConvs();
        Node h = input;
        for (int i = 0; i < enc.size(); i++) {
            String p = "encoder.stages." + i;
            h = conv(p + ".conv", OpKind.CONV2D, enc.get(i), h);
            if (i < enc.size() - 1) {
                h = norm(p + ".bn", h);
                h = gdn(p + ".gdn", OpKind.GDN, h);
                h = activation(p + ".act", h);
            }
            h = residualBlocks(p, h);
            if (spec.hasSkips() && i < enc.size() - 1) skips.add(h);
        }
        latent = h;
        if (spec.entropyModel().hasHyperprior()) {
            h = hyperprior(h);
        } else if (spec.hasEntropyModel()) {
            h = add(new PlannedOp("entropy_bottleneck", OpKind.ENTROPY_BOTTLENECK, List.of(h.shape()), h.shape(), null,
                    EntropyBottleneck.parameters(spec.latentChannels()), List.of(h.op())));
        }
        List<ConvLayer> dec = spec.decoderConvs();
        for (int i = 0; i < dec.size(); i++) {
            String p = "decoder.stages." + i;
            h = residualBlocks(p, h);
            if (spec.hasSkips() && i > 0) {
                Node skip = skips.get(skips.size() - i);
                if (h.shape().dim(2) != skip.shape().dim(2) || h.shape().dim(3) != skip.shape().dim(3)) {
                    throw new IllegalArgumentException(p + ".cat cannot concatenate " + h.shape() + " with the skip "
                            + skip.shape() + ": their heights and widths differ");
                }
                Shape joined = h.shape().withDim(1, h.shape().dim(1) + skip.shape().dim(1));
                h = add(new PlannedOp(p + ".cat", OpKind.CONCAT, List.of(h.shape(), skip.shape()), joined, null, 0,
                        List.of(h.op(), skip.op())));
            }
            h = conv(p + ".conv", OpKind.CONV_TRANSPOSE2D, dec.get(i), h);
            if (i < dec.size() - 1) {
                h = norm(p + ".bn", h);
                h = gdn(p + ".igdn", OpKind.IGDN, h);
                h = activation(p + ".act", h);
            } else if (spec.outputActivation() == OutputActivation.SIGMOID) {
                h = elementwise(p + ".act", OpKind.SIGMOID, h);
            }
        }
    }

    /**
     * The side branch of a hyperprior, in execution order: h_a, z's entropy bottleneck, h_s, then the
     * Gaussian conditional that quantises the latent. The quantised latent depends on the latent
     * alone in the data flow: σ (and μ) set the coding and the rounding offset, not which pixels feed
     * an element, so receptive fields and tile contexts stay those of g_a and g_s.
     */
    private Node hyperprior(Node y) {
        boolean meanScale = spec.entropyModel() == EntropyModelKind.MEAN_SCALE;
        Node h = meanScale ? y : elementwise("hyperprior.abs", OpKind.ABS, y);
        List<ConvLayer> ha = spec.hyperAnalysisConvs();
        for (int i = 0; i < ha.size(); i++) {
            h = conv("hyperprior.h_a." + i, OpKind.CONV2D, ha.get(i), h);
            if (i < ha.size() - 1) h = elementwise("hyperprior.h_a." + i + ".act", OpKind.RELU, h);
        }
        h = add(new PlannedOp("entropy_bottleneck", OpKind.ENTROPY_BOTTLENECK, List.of(h.shape()), h.shape(), null,
                EntropyBottleneck.parameters(spec.hyperChannels()), List.of(h.op())));
        List<ConvLayer> hs = spec.hyperSynthesisConvs();
        for (int i = 0; i < hs.size(); i++) {
            ConvLayer l = hs.get(i);
            h = conv("hyperprior.h_s." + i, l.isTransposed() ? OpKind.CONV_TRANSPOSE2D : OpKind.CONV2D, l, h);
            if (i < hs.size() - 1 || !meanScale) h = elementwise("hyperprior.h_s." + i + ".act", OpKind.RELU, h);
        }
        return add(new PlannedOp("gaussian_conditional", OpKind.GAUSSIAN_CONDITIONAL, List.of(y.shape()), y.shape(), null, 0,
                List.of(y.op())));
    }

    private Node residualBlocks(String stagePath, Node h) {
        for (int r = 0; r < spec.residualBlocks(); r++) {
            String p = stagePath + ".res." + r;
            ConvLayer same = ResidualBlock.sameConv(Math.toIntExact(h.shape().dim(1)));
            Node y = conv(p + ".conv1", OpKind.CONV2D, same, h);
            y = norm(p + ".bn1", y);
            y = elementwise(p + ".act1", hiddenKind(), y);
            y = conv(p + ".conv2", OpKind.CONV2D, same, y);
            y = norm(p + ".bn2", y);
            Node sum = add(new PlannedOp(p + ".add", OpKind.ADD, List.of(h.shape(), y.shape()), h.shape(), null, 0,
                    List.of(h.op(), y.op())));
            h = elementwise(p + ".act", hiddenKind(), sum);
        }
        return h;
    }

    private Node conv(String path, OpKind kind, ConvLayer layer, Node in) {
        Shape out = ShapePropagation.apply(layer, in.shape());
        return add(new PlannedOp(path, kind, List.of(in.shape()), out, layer, layer.parameters(), List.of(in.op())));
    }

    private Node norm(String path, Node in) {
        if (spec.norm() != Normalization.BATCH) {
            return in;
        }
        return add(new PlannedOp(path, OpKind.BATCH_NORM, List.of(in.shape()), in.shape(), null, 2 * in.shape().dim(1),
                List.of(in.op())));
    }

    /** GDN/IGDN: its Σ_j γ_ij x_j² + β_i is a 1×1 convolution, which is how its parameters and MACs are counted. */
    private Node gdn(String path, OpKind kind, Node in) {
        if (spec.norm() != Normalization.GDN) {
            return in;
        }
        int c = Math.toIntExact(in.shape().dim(1));
        ConvLayer pointwise = ConvLayer.conv(c, c, 1, 1, 0);
        return add(new PlannedOp(path, kind, List.of(in.shape()), in.shape(), pointwise, pointwise.parameters(), List.of(in.op())));
    }

    private Node activation(String path, Node in) {
        return spec.activation() == Activation.NONE ? in : elementwise(path, hiddenKind(), in);
    }

    private Node elementwise(String path, OpKind kind, Node in) {
        return add(new PlannedOp(path, kind, List.of(in.shape()), in.shape(), null, 0, List.of(in.op())));
    }

    private Node add(PlannedOp op) {
        ops.add(op);
        return new Node(op.output(), ops.size() - 1);
    }

    private OpKind hiddenKind() {
        return spec.activation() == Activation.RELU ? OpKind.RELU : OpKind.LEAKY_RELU;
    }
}
