package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.mse_loss;
import static org.bytedeco.pytorch.global.torch.zeros_like;

/**
 * How much a TorchScript model's decoder depends on the skips rather than the latent: images run
 * through the walked forward ({@link GraphWalker}) with what the {@code encoder} submodule returned
 * left intact, with its skips zeroed, or with its latent zeroed; and the reconstruction loss's
 * gradient norm with respect to the latent and to each skip. The latent is the first tensor the
 * encoder returns, the skips the others (in the order returned). Eval mode; restored afterwards.
 */
public final class ScriptedAblation {

    private ScriptedAblation() {
    }

    /** Null when the model has no {@code encoder} submodule that the walk reached. */
    public static SkipAblation.Result measure(ScriptedModel model, float[] images, int n, int h, int w) {
        boolean training = model.root().is_training();
        model.root().eval();
        try {
            float[] intact = walk(model, images, n, h, w, (i, t) -> t);
            if (intact == null) return null;
            float[] skipsZeroed = walk(model, images, n, h, w, (i, t) -> i == 0 ? t : zeros_like(t));
            float[] latentZeroed = walk(model, images, n, h, w, (i, t) -> i == 0 ? zeros_like(t) : t);
            List<Double> norms = gradientNorms(model, images, n, h, w);
            return new SkipAblation.Result(norms.get(0), List.copyOf(norms.subList(1, norms.size())), intact, skipsZeroed, latentZeroed);
        } finally {
            model.root().train(training);
        }
    }

    private static float[] walk(ScriptedModel model, float[] images, int n, int h, int w,
                                java.util.function.BiFunction<Integer, Tensor, Tensor> change) {
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            GraphWalker walker = new GraphWalker(model);
            walker.encoderHook = out -> GraphWalker.mapTensors(out, change, new int[1]);
            Object y = walker.call("", List.of(new GraphWalker.Tracked(input(model, images, n, h, w), ScriptedOp.IMAGE)));
            if (walker.encoderOutput == null || !(y instanceof GraphWalker.Tracked t)) return null;
            return Tensors.toFloats(t.tensor());
        }
    }

    private static List<Double> gradientNorms(ScriptedModel model, float[] images, int n, int h, int w) {
        try (MemoryScope s = new MemoryScope()) {
            List<Tensor> leaves = new ArrayList<>();
            GraphWalker walker = new GraphWalker(model);
            walker.encoderHook = out -> GraphWalker.mapTensors(out, (i, t) -> {
                Tensor leaf = t.detach().set_requires_grad(true);
                leaves.add(leaf);
                return leaf;
            }, new int[1]);
            Tensor x = input(model, images, n, h, w);
            GraphWalker.Tracked y = (GraphWalker.Tracked) walker.call("", List.of(new GraphWalker.Tracked(x, ScriptedOp.IMAGE)));
            mse_loss(y.tensor(), x).backward();
            List<Double> norms = new ArrayList<>();
            for (Tensor leaf : leaves) norms.add(leaf.grad().defined() ? leaf.grad().norm().item_double() : 0.0);
            return norms;
        }
    }

    private static Tensor input(ScriptedModel model, float[] images, int n, int h, int w) {
        return Tensors.fromFloats(images, n, 1, h, w).to(model.device(), ScalarType.Float);
    }
}
