package dev.hourglass.train;

import dev.hourglass.model.ForwardObserver;
import org.bytedeco.pytorch.TensorVector;

/**
 * What a training step shares with the other ranks of a data-parallel group: the loss (so every
 * rank logs and judges the same global value) and the gradients (averaged before clipping and the
 * optimiser step). A single process shares nothing.
 */
interface StepSync {

    StepSync NONE = new StepSync() {
        @Override
        public double averageLoss(double local) {
            return local;
        }

        @Override
        public void averageGradients(TensorVector parameters) {
        }
    };

    /** Runs the model's BatchNorm layers (synchronised ones in a group with --sync-bn). */
    default ForwardObserver forwardHook() {
        return ForwardObserver.NONE;
    }

    /** Just before the backward pass whose gradients {@link #averageGradients} will average. */
    default void beforeBackward() {
    }

    /** The mean of every rank's loss (each over an equal share of the global batch). */
    double averageLoss(double local);

    /** Replaces each parameter's gradient by the mean over the ranks. */
    void averageGradients(TensorVector parameters);
}
