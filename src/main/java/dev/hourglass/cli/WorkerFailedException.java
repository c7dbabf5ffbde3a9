package dev.hourglass.cli;

/**
 * A worker of {@code train --nproc} failed; its own message is already printed (prefixed with its
 * rank), and the launcher exits with {@link #exitCode()}, the worker's own code.
 */
final class WorkerFailedException extends RuntimeException {

    private final int exitCode;

    WorkerFailedException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
