package dev.hourglass.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fingerprint finds a shipped model, else a replaced one from history; the lists are read once per lookup. */
class ModelLookupTest {

    static final String SHIPPED = "aaaabbbbccccddddeeeeffff00001111";
    static final String RETIRED = "00112233445566778899aabbccddeeff";

    @Test
    void findsShippedAndReplacedModelsAndReadsTheListsOnce(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        byte[] old = {7, 8, 9};
        String commit = GitRepositories.withRemovedFile(repo, "models/old.ckpt", old);
        Path models = repo.resolve("models");
        Files.writeString(models.resolve("index.tsv"), "# name\tfile\tfingerprint\tlambda\tbpp\nnew\tnew.ckpt\t" + SHIPPED + "\t0.01\t0.2\n");
        Files.writeString(models.resolve("retired.tsv"), "old\t" + RETIRED + "\t" + commit + "\tmodels/old.ckpt\n");
        ModelLookup lookup = new ModelLookup(models, dir.resolve("cache"));

        assertEquals(Optional.of(models.resolve("new.ckpt")), lookup.checkpointOf(HexFormat.of().parseHex(SHIPPED)));
        Path restored = lookup.checkpointOf(HexFormat.of().parseHex(RETIRED)).orElseThrow();
        assertArrayEquals(old, Files.readAllBytes(restored));
        assertTrue(lookup.checkpointOf(new byte[16]).isEmpty(), "a model neither list names");

        // both lists and the history gone: the same lookup still answers from what it read once
        Files.delete(models.resolve("index.tsv"));
        Files.delete(models.resolve("retired.tsv"));
        GitRepositories.forget(repo);
        assertEquals(Optional.of(models.resolve("new.ckpt")), lookup.checkpointOf(HexFormat.of().parseHex(SHIPPED)));
        assertEquals(Optional.of(restored), lookup.checkpointOf(HexFormat.of().parseHex(RETIRED)));
    }

    @Test
    void manyWorkersAskingForOneReplacedModelAtOnceGetOneRestoredFile(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        byte[] old = new byte[300_000];
        new java.util.Random(9).nextBytes(old);
        String commit = GitRepositories.withRemovedFile(repo, "models/old.ckpt", old);
        Path models = repo.resolve("models");
        Files.writeString(models.resolve("index.tsv"), "new\tnew.ckpt\t" + SHIPPED + "\t0.01\t0.2\n");
        Files.writeString(models.resolve("retired.tsv"), "old\t" + RETIRED + "\t" + commit + "\tmodels/old.ckpt\n");
        Path cache = dir.resolve("cache");
        ModelLookup lookup = new ModelLookup(models, cache);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Path>> got = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return lookup.checkpointOf(HexFormat.of().parseHex(RETIRED)).orElseThrow();
                }));
            }
            start.countDown();
            Path first = got.get(0).get(60, java.util.concurrent.TimeUnit.SECONDS);
            for (var f : got) assertEquals(first, f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertArrayEquals(old, Files.readAllBytes(first));
        } finally {
            pool.shutdownNow();
        }
        try (var s = Files.list(cache)) {
            assertEquals(1, s.count(), "one file, no leftovers of a second restore");
        }
    }

    @Test
    void aMissingIndexIsAClearErrorForEveryCaller(@TempDir Path dir) {
        ModelLookup lookup = new ModelLookup(dir.resolve("models"), dir.resolve("cache"));
        CodecException a = assertThrows(CodecException.class, () -> lookup.checkpointOf(new byte[16]));
        assertTrue(a.getMessage().startsWith("no shipped models: "), a.getMessage());
        CodecException b = assertThrows(CodecException.class, () -> lookup.checkpointOf(new byte[16]));
        assertEquals(a.getMessage(), b.getMessage());
    }
}
