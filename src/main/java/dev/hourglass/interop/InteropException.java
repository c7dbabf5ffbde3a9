package dev.hourglass.interop;

/**
 * A weights file that cannot be imported: not a state_dict or safetensors file, truncated,
 * corrupt, asking for a Python class outside the allowed set, or not fitting the model. A bad
 * input file (exit 3); the message is one line that names the file and what is wrong.
 */
public final class InteropException extends IllegalArgumentException {

    public InteropException(String message) {
        super(message);
    }

    public InteropException(String message, Throwable cause) {
        super(message, cause);
    }
}
