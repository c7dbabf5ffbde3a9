package dev.hourglass.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: small git repositories in temporary folders, for the models restored from history. */
public final class GitRepositories {

    private GitRepositories() {
    }

    /** Runs git in {@code repo} and returns its output; an AssertionError with that output when git fails. */
    public static String git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=test", "-c",
                "user.email=test@example.org", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) throw new AssertionError(String.join(" ", cmd) + ": " + out);
        return out;
    }

    /**
     * Makes {@code repo} a repository whose first commit holds {@code path} with {@code content}
     * and whose second removes it; returns the first commit's full hash.
     */
    public static String withRemovedFile(Path repo, String path, byte[] content) throws Exception {
        Files.createDirectories(repo.resolve(path).getParent());
        git(repo, "init", "-q");
        Files.write(repo.resolve(path), content);
        git(repo, "add", path);
        git(repo, "commit", "-q", "-m", "ship");
        String commit = git(repo, "rev-parse", "HEAD");
        git(repo, "rm", "-q", path);
        git(repo, "commit", "-q", "-m", "replace");
        Files.createDirectories(repo.resolve(path).getParent()); // git rm took the emptied folder with it
        return commit;
    }

    /** Deletes the repository's history ({@code .git}), as a copy without git would be. */
    public static void forget(Path repo) throws Exception {
        try (var s = Files.walk(repo.resolve(".git"))) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
