package dev.hourglass.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code model.py} that goes with exported weights: a plain PyTorch module of the spec whose
 * {@code state_dict()} names are ours, a safetensors reader and PNG reader/writer in the standard
 * library, and a command line that reconstructs an image as {@code hourglass reconstruct} does.
 * The code is the same for every spec (a resource, {@code model.py.template}); the spec is embedded
 * as JSON and the module is built from it.
 */
public final class PyTorchModule {

    private static final String TEMPLATE = "model.py.template";

    private PyTorchModule() {
    }

    /** The source of model.py for the spec given as hourglass spec JSON. */
    public static String source(dev.hourglass.model.ModelSpec spec, String specJson) {
        if (spec.entropyModel().hasHyperprior()) {
            throw new IllegalArgumentException("a " + spec.entropyModel().key() + " model: the generated model.py does not describe a hyperprior"
                    + " (h_a, h_s) yet, so it could not load these weights; export supports models without one");
        }
        if (specJson.contains("'''") || specJson.contains("\\")) {
            throw new IllegalArgumentException("a spec JSON with ''' or a backslash cannot be embedded in model.py");
        }
        return template().replace("%SPEC%", specJson.strip());
    }

    private static String template() {
        try (InputStream in = PyTorchModule.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) throw new IllegalStateException(TEMPLATE + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
