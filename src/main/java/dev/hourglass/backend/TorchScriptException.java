package dev.hourglass.backend;

/**
 * A TorchScript file that cannot be inspected: not TorchScript, no {@code forward}, fails on the
 * probe input, or holds non-finite weights. Bad input (exit 3); the message is one line.
 */
public class TorchScriptException extends IllegalArgumentException {

    public TorchScriptException(String message) {
        super(message);
    }
}
