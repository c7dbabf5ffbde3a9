package dev.hourglass.cli;

/** An output file or standard output cannot be written; the message names the file and the reason (exit code 74). */
final class OutputException extends RuntimeException {

    OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
