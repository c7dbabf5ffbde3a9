package dev.hourglass.runtime;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A copy of everything an inspection could change in a module: training mode, parameter values
 * and requires_grad flags, their gradients, and buffers (BatchNorm running statistics move on
 * every forward pass in training mode). {@link #restore()} puts it all back. Create it before the
 * measurement opens its {@code MemoryScope}: the copies must outlive that scope.
 */
final class ModelSnapshot {

    private final Module module;
    private final boolean training;
    private final List<Tensor> values = new ArrayList<>();
    private final List<Boolean> requiresGrad = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();
    private final List<Tensor> buffers = new ArrayList<>();

    ModelSnapshot(Module module) {
        this.module = module;
        this.training = module.is_training();
        try (NoGradGuard g = new NoGradGuard()) {
            StringTensorDict p = module.named_parameters();
            for (long i = 0; i < p.size(); i++) {
                Tensor t = p.get(i).value();
                values.add(t.detach().clone());
                requiresGrad.add(t.requires_grad());
                grads.add(t.grad().defined() ? t.grad().detach().clone() : null);
            }
            StringTensorDict b = module.named_buffers();
            for (long i = 0; i < b.size(); i++) buffers.add(b.get(i).value().detach().clone());
        }
    }

    void restore() {
        try (NoGradGuard g = new NoGradGuard()) {
            StringTensorDict p = module.named_parameters();
            boolean anyGrad = grads.stream().anyMatch(x -> x != null);
            if (!anyGrad) module.zero_grad(true);
            for (int i = 0; i < values.size(); i++) {
                Tensor t = p.get(i).value();
                t.copy_(values.get(i));
                t.set_requires_grad(requiresGrad.get(i));
                if (anyGrad && t.grad().defined()) {
                    if (grads.get(i) != null) t.grad().copy_(grads.get(i));
                    else t.grad().zero_();
                }
            }
            StringTensorDict b = module.named_buffers();
            for (int i = 0; i < buffers.size(); i++) b.get(i).value().copy_(buffers.get(i));
        }
        module.train(training);
    }
}
