package dev.hourglass.codec;

import dev.hourglass.backend.AtomicFiles;
import dev.hourglass.backend.ExternalCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Models that shipped once and were replaced by better ones, listed in {@code models/retired.tsv}
 * (name, fingerprint, commit, path of the checkpoint in that commit). Their checkpoints are no
 * longer in the tree, but git keeps them, so a file made by one still decodes: {@link #restore}
 * reads the checkpoint out of the clone's history with {@code git show} into a cache folder, once.
 * Without git, or in a shallow clone that lacks the commit, the error names the command to run in
 * a full clone.
 */
public final class RetiredModels {

    /** One replaced model; {@code path} is relative to the repository's root. */
    public record Entry(String name, String fingerprint, String commit, String path) {

        /** The command that restores the checkpoint by hand, for messages. */
        public String manualCommand() {
            return "git show " + commit.substring(0, 12) + ":" + path + " > " + name + "-" + fingerprint.substring(0, 8) + ".ckpt";
        }
    }

    private final List<Entry> entries;

    private RetiredModels(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The models listed in {@code folder/retired.tsv}; none when the file is absent. */
    public static RetiredModels in(Path folder) {
        Path list = folder.resolve("retired.tsv");
        if (!Files.isRegularFile(list)) return new RetiredModels(List.of());
        List<Entry> out = new ArrayList<>();
        for (ModelListRows.Row r : ModelListRows.read(list)) {
            String[] f = r.fields();
            // the name becomes a file name in the cache, the path an argument of git: neither may escape
            if (f.length != 4 || !f[0].matches("[A-Za-z0-9_-][A-Za-z0-9._-]*") || !f[1].matches("[0-9a-fA-F]{32}")
                    || !f[2].matches("[0-9a-f]{40}") || !f[3].matches("[A-Za-z0-9_][A-Za-z0-9._/-]*") || f[3].contains("..")) {
                throw new CodecException(list + " line " + r.line() + ": expected a name, a 32-digit fingerprint, a 40-digit commit and a"
                        + " relative path, tab-separated");
            }
            out.add(new Entry(f[0], f[1].toLowerCase(Locale.ROOT), f[2], f[3]));
        }
        return new RetiredModels(out);
    }

    public List<Entry> entries() {
        return entries;
    }

    public Optional<Entry> byFingerprint(byte[] fingerprint) {
        String hex = HexFormat.of().formatHex(fingerprint);
        return entries.stream().filter(e -> e.fingerprint().equals(hex)).findFirst();
    }

    /**
     * The system property {@code hourglass.retired.cache} when set (tests), else
     * {@code $XDG_CACHE_HOME/hourglass/retired-models}, else {@code ~/.cache/hourglass/retired-models}.
     */
    public static Path defaultCache() {
        String given = System.getProperty("hourglass.retired.cache");
        if (given != null) return Path.of(given);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("hourglass").resolve("retired-models");
    }

    /**
     * The checkpoint of {@code e}: from {@code cache} when restored before, else read out of the git
     * history of {@code repository} (the folder holding {@code .git}) and written to the cache
     * atomically. Whether it is the right model is checked by its user, against the file's
     * fingerprint, as for any checkpoint.
     */
    public static Path restore(Entry e, Path repository, Path cache) {
        Path target = cache.resolve(e.name() + "-" + e.fingerprint() + ".ckpt");
        if (Files.isRegularFile(target)) return target;
        try {
            Files.createDirectories(cache);
        } catch (IOException ex) {
            throw new CodecException("cannot create the cache folder " + cache + " for the replaced model " + e.name() + " ("
                    + ex.getClass().getSimpleName() + ": " + ex.getMessage() + "); restore it by hand: `" + e.manualCommand()
                    + "` in a full clone of hourglass, and give that file with --checkpoint");
        }
        try {
            AtomicFiles.write(target, tmp -> gitShow(repository, e.commit() + ":" + e.path(), tmp));
            return target;
        } catch (IOException ex) {
            throw new CodecException("the model " + e.name() + " (fingerprint " + e.fingerprint() + ") that made this file has been"
                    + " replaced and could not be restored from the git history of " + repository + " (" + ex.getMessage() + "); in a"
                    + " full clone of hourglass run `" + e.manualCommand() + "` and give that file with --checkpoint");
        }
    }

    /**
     * {@code git -C repository show object > out}. git gets no terminal and no prompt (a partial
     * clone that would fetch, or a credential helper, fails instead of waiting), and 120 s.
     */
    private static void gitShow(Path repository, String object, Path out) throws IOException {
        new ExternalCommand(List.of("git", "-C", repository.toString(), "show", object), Map.of("GIT_TERMINAL_PROMPT", "0"),
                Duration.ofSeconds(120)).run(out, out.toAbsolutePath().getParent());
    }
}
