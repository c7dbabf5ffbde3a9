package dev.hourglass.backend;

/** A rank of the training group died or stopped answering; the message names it. */
public final class LostRankException extends BackendException {

    public LostRankException(String message, Throwable cause) {
        super(message, cause);
    }
}
