package dev.hourglass.data;

/** A file that is not a readable image: corrupt, truncated, empty, or of an unsupported kind. */
public class ImageLoadException extends Exception {

    public ImageLoadException(String message) {
        super(message);
    }

    public ImageLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
