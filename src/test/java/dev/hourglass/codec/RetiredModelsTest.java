package dev.hourglass.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replaced models come back out of the git history, once, and fail with the manual command when they cannot. */
class RetiredModelsTest {

    static final String FP = "00112233445566778899aabbccddeeff";

    @Test
    void restoresTheCheckpointOfAReplacedModelFromHistoryOnce(@TempDir Path dir) throws Exception {
        byte[] content = new byte[70_000];
        new java.util.Random(3).nextBytes(content);
        Path repo = dir.resolve("repo");
        String commit = GitRepositories.withRemovedFile(repo, "models/old.ckpt", content);
        assertFalse(Files.exists(repo.resolve("models/old.ckpt")));
        Files.writeString(repo.resolve("models/retired.tsv"), "# name\tfingerprint\tcommit\tpath\nold\t" + FP.toUpperCase() + "\t"
                + commit + "\tmodels/old.ckpt\n");
        RetiredModels retired = RetiredModels.in(repo.resolve("models"));
        RetiredModels.Entry e = retired.byFingerprint(HexFormat.of().parseHex(FP)).orElseThrow();
        assertEquals("old", e.name());
        assertTrue(retired.byFingerprint(new byte[16]).isEmpty());

        Path cache = dir.resolve("cache");
        Path restored = RetiredModels.restore(e, repo, cache);
        assertArrayEquals(content, Files.readAllBytes(restored));
        assertTrue(restored.startsWith(cache));
        try (var s = Files.list(cache)) {
            assertEquals(1, s.count(), "no temporary file is left beside it");
        }
        GitRepositories.forget(repo);
        assertArrayEquals(content, Files.readAllBytes(RetiredModels.restore(e, repo, cache)), "the second time, from the cache");
    }

    @Test
    void aCommitTheCloneLacksGivesTheManualCommandAndNoFile(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        GitRepositories.withRemovedFile(repo, "models/old.ckpt", new byte[]{1, 2, 3});
        RetiredModels.Entry missing = new RetiredModels.Entry("factorized-3", FP, "0123456789abcdef0123456789abcdef01234567",
                "models/factorized-3.ckpt");
        Path cache = dir.resolve("cache");
        CodecException ex = assertThrows(CodecException.class, () -> RetiredModels.restore(missing, repo, cache));
        assertTrue(ex.getMessage().contains("git show 0123456789ab:models/factorized-3.ckpt"), ex.getMessage());
        assertTrue(ex.getMessage().contains("git failed (exit 128): fatal: "), "git's own reason: " + ex.getMessage());
        try (var s = Files.list(cache)) {
            assertEquals(0, s.count(), "nothing half-written in the cache");
        }
        CodecException notARepo = assertThrows(CodecException.class, () -> RetiredModels.restore(missing, dir.resolve("nowhere"), cache));
        assertTrue(notARepo.getMessage().contains("--checkpoint"), notARepo.getMessage());
    }

    @Test
    void aMalformedListIsRefusedWithItsLineAndAMissingOneIsEmpty(@TempDir Path dir) throws Exception {
        assertTrue(RetiredModels.in(dir).entries().isEmpty());
        String commit = "0123456789abcdef0123456789abcdef01234567";
        for (String bad : new String[]{"old\t" + FP + "\tHEAD\tmodels/old.ckpt", "../../x\t" + FP + "\t" + commit + "\tmodels/old.ckpt",
                "old\t" + FP + "\t" + commit + "\t../secret", "old\t" + FP + "\t" + commit + "\t--output=x"}) {
            Files.writeString(dir.resolve("retired.tsv"), "# header\n" + bad + "\n");
            CodecException ex = assertThrows(CodecException.class, () -> RetiredModels.in(dir), bad);
            assertTrue(ex.getMessage().contains("line 2"), ex.getMessage());
        }
    }

    @Test
    void theRepositorysListNamesOnlyModelsNoLongerShipped() {
        Set<String> shipped = ShippedModels.in(Path.of("models")).entries().stream().map(ShippedModels.Entry::fingerprint)
                .collect(Collectors.toSet());
        List<RetiredModels.Entry> retired = RetiredModels.in(Path.of("models")).entries();
        assertFalse(retired.isEmpty());
        for (RetiredModels.Entry e : retired) {
            assertFalse(shipped.contains(e.fingerprint()), e + " is shipped and retired at once");
            assertTrue(e.path().startsWith("models/") && e.path().endsWith(".ckpt"), e.toString());
        }
        assertEquals(retired.size(), retired.stream().map(RetiredModels.Entry::fingerprint).distinct().count(), "each fingerprint once");
    }

    /** Each entry's commit shipped that model under that name, with its checkpoint at that path (needs the history). */
    @Test
    void eachReplacedModelIsWhereTheListSaysInThisClonesHistory() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        for (RetiredModels.Entry e : RetiredModels.in(Path.of("models")).entries()) {
            Process probe = new ProcessBuilder("git", "-C", root.toString(), "cat-file", "-e", e.commit() + ":" + e.path())
                    .redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor() == 0, "a clone without this history (shallow?)");
            String index = GitRepositories.git(root, "show", e.commit() + ":models/index.tsv");
            assertTrue(index.lines().anyMatch(l -> l.startsWith(e.name() + "\t" + e.path().substring("models/".length()) + "\t"
                    + e.fingerprint() + "\t")), e + " is not what " + e.commit() + " shipped");
        }
    }
}
