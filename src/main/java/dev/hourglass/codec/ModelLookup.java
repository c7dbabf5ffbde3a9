package dev.hourglass.codec;

import dev.hourglass.backend.OnceByKey;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The checkpoint of the model that a version-2 file names by fingerprint: a shipped one from
 * {@code index.tsv}, else a replaced one from {@code retired.tsv}, restored out of the clone's git
 * history. For many files at once: the two lists are read once, on first use, and each replaced
 * model is restored once, however many files and threads ask for it at the same time.
 */
public final class ModelLookup {

    private final Path folder;
    private final OnceByKey<Path, ShippedModels> shipped = new OnceByKey<>(ShippedModels::in);
    private final OnceByKey<Path, RetiredModels> retired = new OnceByKey<>(RetiredModels::in);
    private final OnceByKey<RetiredModels.Entry, Path> restored;

    /** Models in {@code folder} (index.tsv, retired.tsv; its parent holds .git); restored ones go to {@code cache}. */
    public ModelLookup(Path folder, Path cache) {
        this.folder = folder;
        Path repository = folder.toAbsolutePath().getParent();
        this.restored = new OnceByKey<>(e -> RetiredModels.restore(e, repository, cache));
    }

    /** The shipped models' folder and the default cache of restored ones. */
    public static ModelLookup standard() {
        return new ModelLookup(ShippedModels.defaultFolder(), RetiredModels.defaultCache());
    }

    /**
     * The checkpoint for {@code fingerprint}, or empty when neither list names it. A missing or
     * malformed {@code index.tsv}, or a replaced model that cannot be restored, is a
     * {@link CodecException} that says what to do.
     */
    public Optional<Path> checkpointOf(byte[] fingerprint) {
        Optional<ShippedModels.Entry> current = shipped.get(folder).byFingerprint(fingerprint);
        if (current.isPresent()) return Optional.of(current.get().checkpoint());
        return retired.get(folder).byFingerprint(fingerprint).map(restored::get);
    }
}
