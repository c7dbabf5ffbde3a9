package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.ConvLayer;
import dev.hourglass.convmath.Interval;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Layers;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.zeros;

/**
 * libtorch's own answers about convolution layers described by convmath, to hold convmath's
 * arithmetic against: each layer's parameter count and output shape, and the receptive field of a
 * chain of layers found by autograd. The modules are the ones the models are built from
 * ({@link Layers}), created and freed inside each call.
 */
public final class LayerMeasurement {

    /** One layer as libtorch built and ran it: its parameter count and the shape it produced. */
    public record Measured(long parameters, Shape output) {
    }

    /** The layers' interface for this class: a libtorch module and its forward pass. */
    private record Built(Module module, java.util.function.UnaryOperator<Tensor> forward) {
    }

    private LayerMeasurement() {
    }

    private static Built build(ConvLayer l) {
        if (l.isTransposed()) {
            ConvTranspose2dImpl t = Layers.transposed(l);
            return new Built(t, t::forward);
        }
        Conv2dImpl c = Layers.conv(l);
        return new Built(c, c::forward);
    }

    /**
     * Builds every layer as a real libtorch module, counts its parameters, and runs the chain on an
     * input of shape {@code input}. Heights and widths come from running, on an input of that batch
     * and size, one-channel modules with each layer's kernel, stride, padding, dilation and output
     * padding (channels do not change them, and so an (8, 1, 256, 256) input stays cheap); the
     * channels from the real module's weight.
     */
    public static List<Measured> chain(List<ConvLayer> layers, Shape input) {
        Torch.load();
        List<Measured> out = new ArrayList<>();
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor x = zeros(input.dim(0), 1, input.dim(2), input.dim(3));
            for (ConvLayer l : layers) {
                Built real = build(l);
                long parameters = 0;
                TensorVector p = real.module().parameters();
                for (long i = 0; i < p.size(); i++) parameters += p.get(i).numel();
                Tensor w = real.module().named_parameters().get("weight");
                long channels = l.isTransposed() ? w.size(1) * l.groups() : w.size(0); // [in, out/g, k, k] or [out, in/g, k, k]
                ConvLayer oneChannel = new ConvLayer(l.kind(), 1, 1, l.kernel(), l.stride(), l.padding(), l.dilation(), 1, false,
                        l.outputPadding());
                x = build(oneChannel).forward().apply(x);
                out.add(new Measured(parameters, Shape.of(x.size(0), channels, x.size(2), x.size(3))));
            }
        }
        return out;
    }

    /**
     * The input rows that reach row {@code unit} of the chain's output, found by autograd: the
     * gradient of output unit (unit, unit) with respect to a {@code size}×{@code size} input,
     * through one-channel copies of the layers whose weights are all 1 and that have no bias, so
     * that no two paths can cancel. Returns the first and last input row with a non-zero gradient.
     */
    public static Interval field(List<ConvLayer> layers, int size, int unit) {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            Tensor x = zeros(1, 1, size, size).set_requires_grad(true);
            Tensor y = x;
            for (ConvLayer l : layers) {
                Built b = build(new ConvLayer(l.kind(), 1, 1, l.kernel(), l.stride(), l.padding(), l.dilation(), 1, false,
                        l.outputPadding()));
                try (NoGradGuard g = new NoGradGuard()) {
                    b.module().named_parameters().get("weight").fill_(new org.bytedeco.pytorch.Scalar(1.0));
                }
                y = b.forward().apply(y);
            }
            if (unit >= y.size(2)) {
                throw new IllegalArgumentException("the chain's output has " + y.size(2) + " rows; there is no row " + unit);
            }
            y.select(2, unit).select(2, unit).sum().backward();
            float[] g = Tensors.toFloats(x.grad());
            long lo = -1;
            long hi = -1;
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    if (g[r * size + c] != 0) {
                        if (lo < 0) lo = r;
                        hi = r;
                    }
                }
            }
            if (lo < 0) throw new IllegalStateException("no input reaches output row " + unit);
            return new Interval(lo, hi);
        }
    }
}
