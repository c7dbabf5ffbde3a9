package dev.hourglass.model;

import org.bytedeco.pytorch.LeakyReLUImpl;
import org.bytedeco.pytorch.LeakyReLUOptions;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.SigmoidImpl;
import org.bytedeco.pytorch.Tensor;

/** One of LeakyReLU, ReLU or Sigmoid as a registered libtorch module, with its kind for reports. */
final class ActivationLayer {

    final OpKind kind;
    final Module module;
    private final LeakyReLUImpl leaky;
    private final ReLUImpl relu;
    private final SigmoidImpl sigmoid;

    private ActivationLayer(OpKind kind, LeakyReLUImpl leaky, ReLUImpl relu, SigmoidImpl sigmoid) {
        this.kind = kind;
        this.leaky = leaky;
        this.relu = relu;
        this.sigmoid = sigmoid;
        this.module = leaky != null ? leaky : relu != null ? relu : sigmoid;
    }

    /** The hidden activation as a module, or null for {@link Activation#NONE}. */
    static ActivationLayer hidden(Activation a, double slope) {
        if (a == Activation.NONE) {
            return null;
        }
        if (a == Activation.RELU) {
            return new ActivationLayer(OpKind.RELU, null, new ReLUImpl(), null);
        }
        LeakyReLUOptions o = new LeakyReLUOptions();
        o.negative_slope().put(slope);
        return new ActivationLayer(OpKind.LEAKY_RELU, new LeakyReLUImpl(o), null, null);
    }

    static ActivationLayer sigmoid() {
        return new ActivationLayer(OpKind.SIGMOID, null, null, new SigmoidImpl());
    }

    Tensor forward(Tensor x) {
        return switch (kind) {
            case LEAKY_RELU -> leaky.forward(x);
            case RELU -> relu.forward(x);
            default -> sigmoid.forward(x);
        };
    }
}
