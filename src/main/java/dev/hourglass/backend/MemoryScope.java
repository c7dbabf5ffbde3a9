package dev.hourglass.backend;

import org.bytedeco.javacpp.PointerScope;

/**
 * Frees every native object (tensors, their wrappers) created on this thread while it is open.
 * Wrap each forward/backward in one so that long loops keep a flat resident memory; without it
 * native memory is freed only when the garbage collector happens to run (notes §8: +629 MB over
 * 2,000 steps).
 *
 * <p>A scope frees what was created in it whatever Java still refers to (a field, a static list):
 * long-lived native objects (models, optimisers, snapshots, resident batches) must be created
 * outside any scope. Their factories call {@link #requireNone} and fail fast otherwise.
 */
public final class MemoryScope implements AutoCloseable {

    private final PointerScope scope = new PointerScope();

    /**
     * Throws {@link IllegalStateException} when a memory scope is open on this thread: {@code what}
     * (e.g. "a model") would be freed when that scope closes, while its owner still uses it.
     *
     * @return {@code what}, so that a constructor can check before calling its super constructor
     */
    public static String requireNone(String what) {
        if (PointerScope.getInnerScope() != null) {
            throw new IllegalStateException(what + " must be created outside any memory scope: the open scope would free it"
                    + " when it closes, while it is still in use (this is a bug)");
        }
        return what;
    }

    @Override
    public void close() {
        scope.close();
    }
}
