package dev.hourglass.codec;

/** The model cannot code this image or decode this file: skips without --include-skips, or another model's file. */
public class CodecException extends RuntimeException {

    public CodecException(String message) {
        super(message);
    }
}
