package dev.hourglass.model;

import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.Tensor;

/** Receives every operation of a forward pass in execution order; {@link #NONE} costs nothing. */
@FunctionalInterface
public interface ForwardObserver {

    ForwardObserver NONE = r -> { };

    void onOp(OpRecord record);

    /**
     * Runs a BatchNorm layer of the forward pass: the module itself by default. Data-parallel
     * training overrides it to normalise with statistics of the whole group (synchronised BatchNorm).
     */
    default Tensor batchNorm(BatchNorm2dImpl bn, Tensor x) {
        return bn.forward(x);
    }
}
