package dev.hourglass.codec.entropy;

/** The decoder was asked for symbols the coded bits cannot hold: it read far past the end of the data. */
public final class TruncatedStreamException extends RuntimeException {

    public TruncatedStreamException(String message) {
        super(message);
    }
}
