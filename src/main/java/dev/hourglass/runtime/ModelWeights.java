package dev.hourglass.runtime;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.model.Autoencoder;
import org.bytedeco.pytorch.AbstractTensor;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model's parameters and buffers copied out to, and in from, plain Java values
 * ({@link WeightTensor}), in the model's own order: parameters first, then buffers. What a
 * weights exchange with other programs (interop) reads and writes; it never holds a tensor.
 */
public final class ModelWeights {

    private ModelWeights() {
    }

    /** Every parameter, then every buffer, with its values. */
    public static List<WeightTensor> read(Autoencoder model) {
        List<WeightTensor> out = new ArrayList<>();
        try (MemoryScope s = new MemoryScope()) {
            for (StringTensorDict d : List.of(model.named_parameters(), model.named_buffers())) {
                for (long i = 0; i < d.size(); i++) {
                    Tensor t = d.get(i).value();
                    String name = d.get(i).key().getString();
                    long[] shape = Tensors.shape(t);
                    if (isInteger(t)) {
                        Tensor c = t.detach().cpu().to(ScalarType.Long).contiguous();
                        long[] v = new long[(int) c.numel()];
                        if (v.length > 0) c.data_ptr_long().get(v);
                        out.add(new WeightTensor(name, shape, null, v));
                    } else {
                        out.add(new WeightTensor(name, shape, Tensors.toFloats(t), null));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Overwrites every parameter and buffer in place with {@code values}, which must name exactly
     * the model's tensors, in its order, with its shapes and kinds (checked before anything is
     * written: libtorch itself would accept wrong shapes, notes trap 6).
     */
    public static void write(Autoencoder model, List<WeightTensor> values) {
        List<WeightTensor> current = read(model);
        if (current.size() != values.size()) {
            throw new IllegalArgumentException("expected " + current.size() + " tensors but found " + values.size());
        }
        for (int i = 0; i < current.size(); i++) {
            WeightTensor want = current.get(i);
            WeightTensor got = values.get(i);
            if (!want.name().equals(got.name()) || !Arrays.equals(want.shape(), got.shape()) || want.integer() != got.integer()) {
                throw new IllegalArgumentException("expected " + want.name() + " " + Arrays.toString(want.shape()) + " but found "
                        + got.name() + " " + Arrays.toString(got.shape()));
            }
        }
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            List<Tensor> targets = new ArrayList<>();
            for (StringTensorDict d : List.of(model.named_parameters(), model.named_buffers())) {
                for (long i = 0; i < d.size(); i++) targets.add(d.get(i).value());
            }
            for (int i = 0; i < targets.size(); i++) {
                Tensor target = targets.get(i);
                WeightTensor v = values.get(i);
                Tensor source = (v.integer() ? AbstractTensor.create(v.longs(), v.longs().length)
                        : AbstractTensor.create(v.floats(), v.floats().length)).reshape(v.shape()); // a copy of the array
                target.copy_(source.to(target.device(), target.scalar_type()));
            }
        }
    }

    private static boolean isInteger(Tensor t) {
        ScalarType s = t.scalar_type();
        return s == ScalarType.Long || s == ScalarType.Int || s == ScalarType.Short || s == ScalarType.Byte || s == ScalarType.Char;
    }
}
