package dev.hourglass.cli;

/** A check ran and failed; its report is already printed and the message is the verdict. */
final class CheckFailedException extends RuntimeException {

    CheckFailedException(String message) {
        super(message);
    }
}
