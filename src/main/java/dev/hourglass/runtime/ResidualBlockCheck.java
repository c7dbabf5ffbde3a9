package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.ResidualBlock;
import dev.hourglass.model.ResidualBlockForward;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.randn;

/**
 * A residual block checked on its own (course exercise 2.10): the output has the input's shape,
 * and a backward pass of sum(output) reaches the input and every parameter.
 * Not thread-safe: it reseeds libtorch's process-wide random generator (its own model is private);
 * one measurement at a time (see {@link ModelRunner}).
 */
public final class ResidualBlockCheck {

    public record Result(int channels, long parameters, Shape input, Shape output, List<ParamGradient> gradients,
                         double inputGradNorm) {

        public boolean shapeOk() {
            return input.equals(output);
        }

        public boolean gradientsOk() {
            return inputGradNorm > 0 && gradients.stream().allMatch(g -> g.defined() && g.maxAbs() > 0 && g.nanCount() == 0 && g.infCount() == 0);
        }
    }

    private ResidualBlockCheck() {
    }

    public static Result run(int channels, ModelSpec spec, long seed) {
        Torch.load();
        Torch.seed(seed);
        ResidualBlock block = new ResidualBlock(channels, spec.norm(), spec.activation(), spec.negativeSlope());
        block.train(true);
        try (MemoryScope s = new MemoryScope()) {
            Tensor x = randn(2, channels, 16, 16).set_requires_grad(true);
            Tensor y = ResidualBlockForward.forward(block, x);
            y.sum().backward();
            List<ParamGradient> grads = new ArrayList<>();
            long params = 0;
            StringTensorDict np = block.named_parameters();
            for (long i = 0; i < np.size(); i++) {
                Tensor p = np.get(i).value();
                params += p.numel();
                grads.add(GradientMeasurement.describe(np.get(i).key().getString(), p));
            }
            return new Result(channels, params, new Shape(Tensors.shape(x)), new Shape(Tensors.shape(y)), grads,
                    x.grad().norm().item_double());
        }
    }
}
