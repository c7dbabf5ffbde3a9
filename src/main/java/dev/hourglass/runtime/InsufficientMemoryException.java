package dev.hourglass.runtime;

/** A request whose estimated memory exceeds what the machine has available; refused before any work (exit 3). */
public class InsufficientMemoryException extends RuntimeException {

    public InsufficientMemoryException(String message) {
        super(message);
    }
}
