package dev.hourglass.train;

import dev.hourglass.backend.BackendException;

/** The ranks of a data-parallel group no longer hold the same weights (a bug or a faulty machine): the run must stop. */
public final class ReplicasDivergedException extends BackendException {

    public ReplicasDivergedException(String message) {
        super(message);
    }
}
