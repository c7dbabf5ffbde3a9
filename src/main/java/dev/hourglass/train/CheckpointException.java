package dev.hourglass.train;

/** A checkpoint file is missing, corrupt, truncated, or holds a different model than asked for. */
public class CheckpointException extends RuntimeException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
