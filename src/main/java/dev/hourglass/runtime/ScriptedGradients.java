package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.convmath.Shape;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.NamedTensor;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.named_buffer_iterator;
import org.bytedeco.pytorch.named_buffer_list;
import org.bytedeco.pytorch.named_parameter_iterator;
import org.bytedeco.pytorch.named_parameter_list;

import java.util.ArrayList;
import java.util.List;


/**
 * The course's gradient-flow test on a TorchScript model: training mode, loss = sum of the
 * output, backward through the scripted module, then every named parameter's gradient. The
 * BatchNorm buffers that the training-mode pass moves are copied before (outside the scope, so the
 * copies outlive it) and written back after; gradients are reset and the mode restored.
 */
public final class ScriptedGradients {

    private ScriptedGradients() {
    }

    public static List<ParamGradient> sumLoss(ScriptedModel model, Shape input, long seed) {
        boolean training = model.root().is_training();
        List<Tensor> saved = new ArrayList<>();
        named_buffer_list nb = model.root().named_buffers(true);
        try (NoGradGuard g = new NoGradGuard()) {
            named_buffer_iterator it = nb.begin();
            for (long i = 0; i < nb.size(); i++, it.increment()) {
                NamedTensor n = it.multiply();
                saved.add(new Tensor(n.value()).detach().clone());
            }
        }
        List<ParamGradient> out = new ArrayList<>();
        try (MemoryScope s = new MemoryScope()) {
            model.root().train(true);
            resetGradients(model);
            Tensor x = model.probe(input, seed, true);
            model.reconstruction(model.forwardOnProbe("", x, input)).sum().backward();
            named_parameter_list np = model.root().named_parameters(true);
            named_parameter_iterator it = np.begin();
            for (long i = 0; i < np.size(); i++, it.increment()) {
                NamedTensor n = it.multiply();
                out.add(GradientMeasurement.describe(n.name().getString(), new Tensor(n.value())));
            }
        } finally {
            try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
                resetGradients(model);
                named_buffer_iterator it = model.root().named_buffers(true).begin();
                for (int i = 0; i < saved.size(); i++, it.increment()) {
                    NamedTensor n = it.multiply();
                    new Tensor(n.value()).copy_(saved.get(i));
                }
            }
            model.root().train(training);
        }
        return out;
    }

    /**
     * |d (central latent unit) / d input|, averaged over batch and channels, through the model's
     * {@code encoder} submodule (its first returned tensor is the latent); null when there is none.
     */
    public static EffectiveFieldMeasurement.GradientMap centralLatentGradient(ScriptedModel model, Shape input, long seed) {
        if (!model.hasModule("encoder")) return null;
        boolean training = model.root().is_training();
        try (MemoryScope s = new MemoryScope()) {
            model.root().eval();
            Tensor x = model.probe(input, seed, true);
            IValue out = model.forwardOnProbe("encoder", x, input);
            Tensor latent = out.isTensor() ? out.toTensor() : out.isTuple() && out.toTuple().elements().get(0).isTensor()
                    ? out.toTuple().elements().get(0).toTensor() : null;
            if (latent == null || latent.dim() != 4) return null;
            int r = (int) latent.size(2) / 2;
            int c = (int) latent.size(3) / 2;
            latent.narrow(2, r, 1).narrow(3, c, 1).sum().backward();
            Tensor g = x.grad().abs().mean(new long[]{0, 1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()); // [H, W]
            return new EffectiveFieldMeasurement.GradientMap((int) input.dim(2), (int) input.dim(3), dev.hourglass.backend.Tensors.toDoubles(g), r, c);
        } finally {
            try (MemoryScope s = new MemoryScope()) {
                resetGradients(model);
            }
            model.root().train(training);
        }
    }

    private static void resetGradients(ScriptedModel model) {
        named_parameter_list np = model.root().named_parameters(true);
        named_parameter_iterator it = np.begin();
        for (long i = 0; i < np.size(); i++, it.increment()) {
            NamedTensor n = it.multiply();
            Tensor p = new Tensor(n.value());
            if (p.grad().defined()) p.mutable_grad().reset();
        }
    }
}
