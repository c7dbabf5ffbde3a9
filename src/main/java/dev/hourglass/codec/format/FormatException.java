package dev.hourglass.codec.format;

/** A compressed file that cannot be read: wrong magic, unknown version, bad checksum, impossible fields. */
public class FormatException extends Exception {

    public FormatException(String message) {
        super(message);
    }
}
