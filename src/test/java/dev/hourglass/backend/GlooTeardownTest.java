package dev.hourglass.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Gloo group torn down after its collectives leaves the native heap intact. When the wrappers
 * of finished Works were left to the garbage collector, a Work could be freed after its
 * ProcessGroupGloo; a CI run aborted its test JVM with "corrupted double-linked list" (exit 134)
 * tests later. Under glibc's checking allocator that happened within two iterations of this run.
 * The run needs its own JVM: the checks are chosen at process start, and an abort must not take
 * the other tests with it.
 */
class GlooTeardownTest {

    private static final int ITERATIONS = 6;
    /** glibc 2.34 and later moved MALLOC_CHECK_ into this library, which must be preloaded. */
    private static final Path MALLOC_DEBUG = Path.of("/lib/x86_64-linux-gnu/libc_malloc_debug.so.0");

    @Test
    void collectivesThenCloseLeaveTheHeapIntact(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), GlooTeardownChild.class.getName(), Integer.toString(ITERATIONS))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TORCH_CPP_LOG_LEVEL", "ERROR");
        pb.environment().put("MALLOC_CHECK_", "3");
        pb.environment().put("MALLOC_PERTURB_", "165"); // freed memory is filled, so a late write or read shows
        if (Files.exists(MALLOC_DEBUG)) pb.environment().put("LD_PRELOAD", MALLOC_DEBUG.toString());
        Process p = pb.start();
        boolean ended = p.waitFor(300, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly().waitFor();
        String out = Files.readString(log);
        assertTrue(ended, "the child did not end within 300 s:\n" + out);
        assertEquals(0, p.exitValue(), "exit " + p.exitValue() + " (134: glibc found a damaged heap):\n" + tail(out));
        assertTrue(out.contains(ITERATIONS + " iterations"), out);
    }

    private static String tail(String out) {
        List<String> lines = out.lines().filter(l -> !l.startsWith("[Gloo]")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
