package dev.hourglass.backend;

import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.global.torch;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a file written by {@code torch.jit.script(model).save(path)} or {@code torch.jit.trace(...)}
 * into a libtorch {@link JitModule}. The module is created outside any {@link MemoryScope} and is
 * owned by the caller for as long as it holds the returned object.
 */
public final class TorchScriptFiles {

    private TorchScriptFiles() {
    }

    public static JitModule load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TorchScriptException("--torchscript " + file + ": expected a TorchScript file but found "
                    + (Files.exists(file) ? "something that is not a regular file" : "no such file"));
        }
        if (!Files.isReadable(file)) throw new TorchScriptException("--torchscript " + file + ": the file is not readable");
        MemoryScope.requireNone("a TorchScript module");
        Torch.load();
        // The graph executor profiles and re-optimises every method on its first calls; the inspector
        // calls each submodule's forward a few times only, so that work never pays off (measured: a
        // walk of sequential_ae took 13 s with it, see ScriptedModel). Process-wide; only
        // TorchScript modules use the graph executor.
        torch.setGraphExecutorOptimize(false);
        JitModule module;
        try {
            module = torch.load(file.toString());
        } catch (RuntimeException e) {
            throw new TorchScriptException(file + " is not a TorchScript file (save one with torch.jit.script(model).save(\""
                    + file.getFileName() + "\")): libtorch says: " + BackendException.firstLine(e));
        }
        if (!module.find_method("forward").has_value()) {
            throw new TorchScriptException(file + " is TorchScript but its module has no forward method; script the model"
                    + " itself (torch.jit.script(model)), whose forward maps an image batch to its reconstruction");
        }
        return module;
    }

    /**
     * The line of a libtorch error that says what went wrong: errors raised inside the TorchScript
     * interpreter start with "The following operation failed ..." and carry the cause in a later
     * {@code RuntimeError:} line.
     */
    public static String reason(RuntimeException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        for (String line : m.split("\n")) {
            int i = line.indexOf("RuntimeError: ");
            if (i >= 0) return line.substring(i + "RuntimeError: ".length()).trim();
        }
        return BackendException.firstLine(e);
    }
}
