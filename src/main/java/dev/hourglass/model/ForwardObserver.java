package dev.hourglass.model;

/** Receives every operation of a forward pass in execution order; {@link #NONE} costs nothing. */
@FunctionalInterface
public interface ForwardObserver {

    ForwardObserver NONE = r -> { };

    void onOp(OpRecord record);
}
