package dev.hourglass.inspect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hourglass.convmath.ConvKind;
import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.Interval;
import dev.hourglass.convmath.LayerSyntax;
import dev.hourglass.convmath.ReceptiveField;
import dev.hourglass.convmath.RfStep;
import dev.hourglass.convmath.Shape;
import dev.hourglass.convmath.ShapePropagation;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.GradientMeasurement;
import dev.hourglass.runtime.LayerMeasurement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The course's theory questions, about the course's own fixed layers (Conv2d(64, 128, 3), the
 * Q2.2 chain, the baseline encoder), whatever model a report inspects: answered with convmath's
 * arithmetic, and each number held against libtorch modules of the same layers ({@link #checks}).
 * The activation gradients are measured by autograd and held against their definitions.
 */
public record Theory(@JsonProperty("q21") List<String> convolutionArithmetic,
                     @JsonProperty("q22") List<String> shapeChain,
                     @JsonProperty("q23") List<String> receptiveFieldRecursion,
                     @JsonProperty("q25Gradients") List<String> activationGradients,
                     double[] points, double[] leakyGradient, double[] reluGradient, List<Check> checks) {

    /** Q2.1: the layer, Conv2d(64, 128, kernel_size=3), and the side of the input of its MAC question. */
    public static final ConvLayer Q21_LAYER = ConvLayer.conv(64, 128, 3, 1, 0);
    public static final int Q21_SIDE = 64;
    /** Q2.2: the chain of four convolutions and its input. */
    public static final List<String> CHAIN = List.of("conv:1:64:k7:s2:p3", "conv:64:128:k3:s2:p1", "conv:128:256:k3:s2:p1",
            "conv:256:64:k3:s2:p1");
    public static final Shape CHAIN_INPUT = Shape.of(8, 1, 256, 256);
    /** Q2.5: LeakyReLU's slope below zero, and where its gradient is measured. */
    public static final double SLOPE = 0.2;
    private static final double[] POINTS = {-2, -0.5, 0.5, 2};

    /** One number of an answer: as computed (convmath, or the definition) and as libtorch measured it. */
    public record Check(String question, String quantity, String computed, String measured) {

        public boolean agrees() {
            return computed.equals(measured);
        }
    }

    /** Where the measurements come from: libtorch, or (in tests) something that disagrees with it. */
    interface Libtorch {
        List<LayerMeasurement.Measured> chain(List<ConvLayer> layers, Shape input);

        Interval field(List<ConvLayer> layers, int size, int unit);

        double[] activationGradient(Double slope, double... points);

        Libtorch REAL = new Libtorch() {
            @Override
            public List<LayerMeasurement.Measured> chain(List<ConvLayer> layers, Shape input) {
                return LayerMeasurement.chain(layers, input);
            }

            @Override
            public Interval field(List<ConvLayer> layers, int size, int unit) {
                return LayerMeasurement.field(layers, size, unit);
            }

            @Override
            public double[] activationGradient(Double slope, double... points) {
                return GradientMeasurement.activationGradient(slope, points);
            }
        };
    }

    public Theory {
        convolutionArithmetic = List.copyOf(convolutionArithmetic);
        shapeChain = List.copyOf(shapeChain);
        receptiveFieldRecursion = List.copyOf(receptiveFieldRecursion);
        activationGradients = List.copyOf(activationGradients);
        checks = List.copyOf(checks);
    }

    /** Every question has its answers: Q2.1 a–c, one shape per layer of the chain, the field, the gradients. */
    @JsonIgnore
    public boolean answered() {
        return convolutionArithmetic.size() == 3 && shapeChain.size() == CHAIN.size() && receptiveFieldRecursion.size() > 2
                && activationGradients.size() == 2 && leakyGradient.length == POINTS.length && reluGradient.length == POINTS.length;
    }

    @JsonIgnore
    public List<Check> disagreements() {
        return checks.stream().filter(c -> !c.agrees()).toList();
    }

    /** The checklist's evidence: what was compared, and what disagreed. */
    @JsonIgnore
    public String evidence() {
        if (!answered()) return "some questions have no answer";
        List<Check> bad = disagreements();
        if (bad.isEmpty()) {
            return "Q2.1–Q2.5 answered for the course's fixed layers; libtorch agrees with all " + checks.size()
                    + " computed numbers (parameter counts and shapes of real modules, the receptive field found by autograd,"
                    + " the activation gradients)";
        }
        return bad.size() + " of " + checks.size() + " numbers disagree with libtorch: " + String.join("; ",
                bad.stream().map(c -> c.question() + " " + c.quantity() + ": computed " + c.computed() + ", libtorch "
                        + c.measured()).toList());
    }

    public static Theory compute() {
        return compute(Libtorch.REAL);
    }

    static Theory compute(Libtorch torch) {
        List<Check> checks = new ArrayList<>();
        ConvLayer c = Q21_LAYER;
        ConvLayer same = new ConvLayer(ConvKind.CONV, c.inChannels(), c.outChannels(), c.kernel(), 1, 1, 1, 1, true, 0);
        ConvLayer g2 = new ConvLayer(ConvKind.CONV, c.inChannels(), c.outChannels(), c.kernel(), 1, 0, 1, 2, true, 0);
        int n = Q21_SIDE;
        Shape q21Input = Shape.of(1, c.inChannels(), n, n);
        LayerMeasurement.Measured mc = torch.chain(List.of(c), q21Input).get(0);
        LayerMeasurement.Measured ms = torch.chain(List.of(same), q21Input).get(0);
        LayerMeasurement.Measured mg = torch.chain(List.of(g2), q21Input).get(0);
        checks.add(new Check("Q2.1 a)", "parameters of " + pytorch(c), Numbers.count(c.parameters()), Numbers.count(mc.parameters())));
        checks.add(new Check("Q2.1 b)", "output of " + q21Input + ", padding 0", Shape.of(1, c.outChannels(), c.outputSize(n),
                c.outputSize(n)).toString(), mc.output().toString()));
        checks.add(new Check("Q2.1 b)", "output of " + q21Input + ", padding 1", Shape.of(1, c.outChannels(), same.outputSize(n),
                same.outputSize(n)).toString(), ms.output().toString()));
        checks.add(new Check("Q2.1 c)", "parameters with groups=2", Numbers.count(g2.parameters()), Numbers.count(mg.parameters())));
        List<String> conv = List.of(
                "a) " + pytorch(c) + ": " + c.parametersWorked(),
                "b) on a " + n + "×" + n + " input with PyTorch's default padding 0 the output is " + c.outputSize(n) + "×"
                        + c.outputSize(n) + ": " + c.macsWorked(n, n) + "; with padding 1 (output " + same.outputSize(n) + "×"
                        + same.outputSize(n) + "): " + same.macsWorked(n, n),
                "c) groups=2: " + g2.parametersWorked() + ", half of " + Numbers.count(c.parameters()) + " less the unchanged bias"
                        + " (" + Numbers.count(c.parameters() - c.outChannels()) + "/2 + " + c.outChannels() + "). Grouping splits the "
                        + c.inChannels() + " input channels into 2 groups of " + c.inChannels() / 2 + "; each group's "
                        + c.outChannels() / 2 + " output channels see only their own group, so weights and MACs halve"
                        + " (MACs " + Numbers.count(g2.macs(n, n)) + ").");

        List<ConvLayer> chain = CHAIN.stream().map(LayerSyntax::parse).toList();
        List<Shape> chainShapes = ShapePropagation.chain(chain, CHAIN_INPUT);
        List<LayerMeasurement.Measured> measuredChain = torch.chain(chain, CHAIN_INPUT);
        List<String> shapes = new ArrayList<>();
        int h = Math.toIntExact(CHAIN_INPUT.dim(2));
        for (int i = 0; i < chain.size(); i++) {
            shapes.add("After layer " + (i + 1) + ": " + chainShapes.get(i) + "   [" + chain.get(i).outputSizeWorked(h).substituted()
                    + " = " + chainShapes.get(i).dim(2) + "]");
            checks.add(new Check("Q2.2", "shape after layer " + (i + 1), chainShapes.get(i).toString(),
                    measuredChain.get(i).output().toString()));
            h = (int) chainShapes.get(i).dim(2);
        }

        List<String> field = new ArrayList<>();
        field.add("a) Layer 0 (input): RF = 1");
        List<ConvLayer> encoder = Presets.BASELINE.encoderConvs();
        List<RfStep> rf = ReceptiveField.recursion(encoder);
        for (int i = 0; i < rf.size(); i++) {
            field.add("Layer " + (i + 1) + ": " + rf.get(i).sizeWorked() + " (jump " + rf.get(i).jump() + ")");
        }
        RfStep last = rf.get(rf.size() - 1);
        field.add("b) Each latent pixel stands for a " + last.jump() + "×" + last.jump() + " patch and sees " + last.size() + "×"
                + last.size() + " input pixels centred on it (latent pixel 0 sees " + last.unitInterval(0) + " for its patch [0, "
                + (last.jump() - 1) + "]): " + (last.coversOwnPatch(0) ? "sufficient, with context on every side." : "NOT sufficient."));
        int unit = 0;
        while (last.unitInterval(unit).lo() < 0) unit++;          // a unit whose field lies inside the image
        Interval inside = last.unitInterval(unit);
        int side = (int) ((inside.hi() / last.jump() + 2) * last.jump()); // a whole number of latent units beyond it
        checks.add(new Check("Q2.3", "input rows seen by latent row " + unit + " of the baseline encoder",
                inside + " (" + inside.size() + " rows)", fieldText(torch.field(encoder, side, unit))));

        double[] leaky = torch.activationGradient(SLOPE, POINTS);
        double[] relu = torch.activationGradient(null, POINTS);
        checks.add(new Check("Q2.5 b)", "LeakyReLU(" + SLOPE + ")' at " + Arrays.toString(POINTS), Arrays.toString(derivative(SLOPE)),
                Arrays.toString(leaky)));
        checks.add(new Check("Q2.5 b)", "ReLU' at " + Arrays.toString(POINTS), Arrays.toString(derivative(0)), Arrays.toString(relu)));
        List<String> activations = List.of(
                "a) A unit whose input stays negative gets zero gradient under ReLU and can stop learning for good (a dead unit);"
                        + " LeakyReLU keeps a " + SLOPE + " slope there, so every unit keeps learning. In an autoencoder, which must"
                        + " carry everything through a narrow latent, losing units loses capacity.",
                "b) measured by autograd at x = " + Arrays.toString(POINTS) + ": LeakyReLU(" + SLOPE + ")' = "
                        + Arrays.toString(leaky) + ", ReLU' = " + Arrays.toString(relu)
                        + ". For x < 0 LeakyReLU passes " + SLOPE + " of the gradient where ReLU passes none.");
        return new Theory(conv, shapes, field, activations, POINTS.clone(), leaky, relu, checks);
    }

    /** The layer as the question writes it, e.g. Conv2d(64, 128, kernel_size=3, bias=True). */
    private static String pytorch(ConvLayer c) {
        return "Conv2d(" + c.inChannels() + ", " + c.outChannels() + ", kernel_size=" + c.kernel() + ", bias=" + (c.bias() ? "True" : "False") + ")";
    }

    private static String fieldText(Interval i) {
        return i + " (" + i.size() + " rows)";
    }

    /** The definition: slope below zero, 1 above. */
    private static double[] derivative(double slope) {
        return Arrays.stream(POINTS).map(x -> x < 0 ? slope : 1.0).toArray();
    }
}
