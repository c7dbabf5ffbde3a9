package dev.hourglass.inspect;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hourglass.convmath.ConvKind;
import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.LayerSyntax;
import dev.hourglass.convmath.ReceptiveField;
import dev.hourglass.convmath.RfStep;
import dev.hourglass.convmath.Shape;
import dev.hourglass.convmath.ShapePropagation;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.GradientMeasurement;

import java.util.ArrayList;
import java.util.List;

/**
 * The theory questions of the report answered with computed arithmetic (convolution arithmetic,
 * a shape chain, the receptive-field recursion) and with
 * measurements where a measurement answers better (autograd's LeakyReLU and ReLU gradients;
 * the output range with and without Sigmoid is added by the report builder).
 */
public record Theory(@JsonProperty("q21") List<String> convolutionArithmetic,
                     @JsonProperty("q22") List<String> shapeChain,
                     @JsonProperty("q23") List<String> receptiveFieldRecursion,
                     @JsonProperty("q25Gradients") List<String> activationGradients,
                     double[] points, double[] leakyGradient, double[] reluGradient) {

    public static Theory compute() {
        ConvLayer c = ConvLayer.conv(64, 128, 3, 1, 0);
        ConvLayer same = ConvLayer.conv(64, 128, 3, 1, 1);
        ConvLayer g2 = new ConvLayer(ConvKind.CONV, 64, 128, 3, 1, 0, 1, 2, true, 0);
        List<String> conv = List.of(
                "a) Conv2d(64, 128, kernel_size=3, bias=True): " + c.parametersWorked(),
                "b) on a 64×64 input with PyTorch's default padding 0 the output is " + c.outputSize(64) + "×" + c.outputSize(64)
                        + ": " + c.macsWorked(64, 64) + "; with padding 1 (output 64×64): " + same.macsWorked(64, 64),
                "c) groups=2: " + g2.parametersWorked() + ", half of " + Numbers.count(c.parameters()) + " less the unchanged bias"
                        + " (" + Numbers.count(c.parameters() - 128) + "/2 + 128). Grouping splits the 64 input channels into 2 groups"
                        + " of 32; each group's 64 output channels see only their own group, so weights and MACs halve"
                        + " (MACs " + Numbers.count(g2.macs(64, 64)) + ").");
        List<String> shapes = new ArrayList<>();
        List<ConvLayer> chain = List.of(LayerSyntax.parse("conv:1:64:k7:s2:p3"), LayerSyntax.parse("conv:64:128:k3:s2:p1"),
                LayerSyntax.parse("conv:128:256:k3:s2:p1"), LayerSyntax.parse("conv:256:64:k3:s2:p1"));
        List<Shape> chainShapes = ShapePropagation.chain(chain, Shape.of(8, 1, 256, 256));
        int h = 256;
        for (int i = 0; i < chain.size(); i++) {
            shapes.add("After layer " + (i + 1) + ": " + chainShapes.get(i) + "   [" + chain.get(i).outputSizeWorked(h).substituted()
                    + " = " + chainShapes.get(i).dim(2) + "]");
            h = (int) chainShapes.get(i).dim(2);
        }
        List<String> field = new ArrayList<>();
        field.add("a) Layer 0 (input): RF = 1");
        List<RfStep> rf = ReceptiveField.recursion(Presets.BASELINE.encoderConvs());
        for (int i = 0; i < rf.size(); i++) {
            field.add("Layer " + (i + 1) + ": " + rf.get(i).sizeWorked() + " (jump " + rf.get(i).jump() + ")");
        }
        RfStep last = rf.get(rf.size() - 1);
        field.add("b) Each latent pixel stands for a " + last.jump() + "×" + last.jump() + " patch and sees " + last.size() + "×"
                + last.size() + " input pixels centred on it (latent pixel 0 sees " + last.unitInterval(0) + " for its patch [0, "
                + (last.jump() - 1) + "]): " + (last.coversOwnPatch(0) ? "sufficient, with context on every side." : "NOT sufficient."));
        double[] points = {-2, -0.5, 0.5, 2};
        double[] leaky = GradientMeasurement.activationGradient(0.2, points);
        double[] relu = GradientMeasurement.activationGradient(null, points);
        List<String> activations = List.of(
                "a) A unit whose input stays negative gets zero gradient under ReLU and can stop learning for good (a dead unit);"
                        + " LeakyReLU keeps a 0.2 slope there, so every unit keeps learning. In an autoencoder, which must carry"
                        + " everything through a narrow latent, losing units loses capacity.",
                "b) measured by autograd at x = " + java.util.Arrays.toString(points) + ": LeakyReLU(0.2)' = "
                        + java.util.Arrays.toString(leaky) + ", ReLU' = " + java.util.Arrays.toString(relu)
                        + ". For x < 0 LeakyReLU passes 0.2 of the gradient where ReLU passes none.");
        return new Theory(conv, shapes, field, activations, points, leaky, relu);
    }
}
