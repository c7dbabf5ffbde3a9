package dev.hourglass.model;

/** A spec file cannot be read or describes a model that cannot be built. */
public class SpecException extends RuntimeException {

    public SpecException(String message) {
        super(message);
    }
}
