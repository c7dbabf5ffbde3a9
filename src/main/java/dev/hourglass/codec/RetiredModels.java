package dev.hourglass.codec;

import dev.hourglass.backend.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
        try {
            int n = 0;
            for (String line : Files.readAllLines(list)) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                if (f.length != 4 || !f[2].matches("[0-9a-f]{40}") || !f[1].matches("[0-9a-fA-F]{32}")) {
                    throw new CodecException(list + " line " + n + ": expected name, 32-digit fingerprint, 40-digit commit and path,"
                            + " tab-separated");
                }
                out.add(new Entry(f[0], f[1].toLowerCase(Locale.ROOT), f[2], f[3]));
            }
        } catch (IOException e) {
            throw new CodecException("cannot read " + list + ": " + e.getMessage());
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
        String failure;
        try {
            Files.createDirectories(cache);
            AtomicFiles.write(target, tmp -> gitShow(repository, e.commit() + ":" + e.path(), tmp));
            return target;
        } catch (IOException ex) {
            failure = ex.getMessage();
        }
        throw new CodecException("the model " + e.name() + " (fingerprint " + e.fingerprint() + ") that made this file has been"
                + " replaced and could not be restored from the git history of " + repository + " (" + failure + "); in a full clone"
                + " of hourglass run `" + e.manualCommand() + "` and give that file with --checkpoint");
    }

    private static void gitShow(Path repository, String object, Path out) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("git", "-C", repository.toString(), "show", object)
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IOException("git is not installed or cannot run: " + e.getMessage());
        }
        String err = new String(p.getErrorStream().readAllBytes()).strip();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git show did not finish in 120 s");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (p.exitValue() != 0) {
            String first = err.isEmpty() ? "exit " + p.exitValue() : err.lines().findFirst().orElse(err);
            throw new IOException("git: " + first);
        }
    }
}
