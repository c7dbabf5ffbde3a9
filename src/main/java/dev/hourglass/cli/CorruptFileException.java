package dev.hourglass.cli;

/** An input file is corrupt, truncated or foreign; the message says which and why. */
final class CorruptFileException extends RuntimeException {

    CorruptFileException(String message) {
        super(message);
    }
}
