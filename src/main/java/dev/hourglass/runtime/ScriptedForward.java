package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.TorchScriptException;
import dev.hourglass.convmath.Shape;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;


/** {@link ScriptedModel#run}: the walked forward pass, the model's own forward beside it, and the encoder's outputs. */
final class ScriptedForward {

    private ScriptedForward() {
    }

    static ScriptedRun run(ScriptedModel model, Shape input, long seed) {
        return run(model, input, seed, null);
    }

    /** As {@link #run(ScriptedModel, Shape, long)}, with {@code encoderHook} changing what the walk's encoder returns (tests). */
    static ScriptedRun run(ScriptedModel model, Shape input, long seed, java.util.function.UnaryOperator<Object> encoderHook) {
        boolean training = model.root().is_training();
        model.root().eval();
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor x = model.probe(input, seed, false);
            GraphWalker w = new GraphWalker(model);
            w.encoderHook = encoderHook;
            Object walked;
            try {
                walked = w.call("", List.of(new GraphWalker.Tracked(x, ScriptedOp.IMAGE)));
            } catch (GraphWalker.Unfollowable u) {
                throw new TorchScriptException(model.label() + ": the model cannot be called with one image tensor: " + u.getMessage());
            } catch (RuntimeException e) {
                throw model.probeFailure(input, w.current, e);
            }
            Tensor y = model.reconstruction(model.forwardOnProbe("", x, input)).to(ScalarType.Float);
            Shape output = new Shape(Tensors.shape(y));
            Shape walkedOutput = walked instanceof GraphWalker.Tracked t ? new Shape(Tensors.shape(t.tensor())) : null;
            double walkedDifference = output.equals(walkedOutput)
                    ? ((GraphWalker.Tracked) walked).tensor().to(ScalarType.Float).sub(y).abs().max().item_double() : Double.NaN;
            Shape latent = null;
            List<Shape> skips = new ArrayList<>();
            String returns = "no submodule named `encoder`";
            if (w.encoderOutput != null) {
                List<Shape> all = new ArrayList<>();
                GraphWalker.collectShapes(w.encoderOutput, all);
                if (!all.isEmpty()) {
                    latent = all.get(0);
                    skips.addAll(all.subList(1, all.size()));
                    skips.sort(Comparator.comparingLong((Shape sh) -> sh.rank() == 4 ? sh.dim(2) * sh.dim(3) : 0).reversed());
                }
                returns = all.size() <= 1 && w.encoderOutput instanceof GraphWalker.Tracked ? "one tensor " + latent
                        : "a " + (w.encoderOutput instanceof GraphWalker.Tup ? "tuple" : "list") + " of " + all.size() + " tensors: "
                        + all;
            }
            return new ScriptedRun(input, w.ops, output, y.min().item_double(), y.max().item_double(), latent, skips, returns, w.notes,
                    walkedOutput, walkedDifference);
        } finally {
            model.root().train(training);
        }
    }
}
