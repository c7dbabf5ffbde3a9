package dev.hourglass.model;

import dev.hourglass.backend.Tensors;
import dev.hourglass.convmath.Shape;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Reports one operation to an observer, reading shapes only when someone listens. */
final class Observed {

    private Observed() {
    }

    static Tensor report(ForwardObserver obs, String path, OpKind kind, Tensor output, Tensor... inputs) {
        if (obs != ForwardObserver.NONE) {
            List<Shape> in = new ArrayList<>();
            for (Tensor t : inputs) in.add(new Shape(Tensors.shape(t)));
            long bytes = output.numel() * output.element_size();
            obs.onOp(new OpRecord(path, kind, in, new Shape(Tensors.shape(output)), bytes));
        }
        return output;
    }
}
