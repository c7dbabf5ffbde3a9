package dev.hourglass.runtime;

import org.bytedeco.pytorch.Module;

/**
 * Eval mode for the length of a {@code try} block: puts a module in eval mode and, when closed,
 * back in the mode it was in. The one place where a measurement saves and restores the mode.
 *
 * <pre>{@code
 * try (EvalMode e = EvalMode.enter(model); MemoryScope s = new MemoryScope()) { ... }
 * }</pre>
 */
public final class EvalMode implements AutoCloseable {

    private final Module module;
    private final boolean wasTraining;

    private EvalMode(Module module) {
        this.module = module;
        this.wasTraining = module.is_training();
        module.eval();
    }

    public static EvalMode enter(Module module) {
        return new EvalMode(module);
    }

    @Override
    public void close() {
        module.train(wasTraining);
    }
}
