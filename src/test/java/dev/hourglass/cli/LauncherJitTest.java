package dev.hourglass.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher script's JIT choice per verb (README, Benchmarks, round seven): the codec verbs run
 * the default tiered compiler, every other verb C1 only, and HOURGLASS_JIT forces one. The script
 * runs as shipped, copied beside an existing jar (so it builds nothing) with a stand-in {@code java}
 * first on the PATH that prints the arguments it was given.
 */
class LauncherJitTest {

    private static final String C1 = "-XX:TieredStopAtLevel=1";

    @Test
    void theCodecVerbsRunTieredAndTheRestC1(@TempDir Path dir) throws Exception {
        Path launcher = install(dir);
        for (String verb : new String[]{"compress", "decompress", "eval", "metrics"}) {
            assertFalse(javaArguments(launcher, Map.of(), verb).contains(C1), verb);
        }
        assertFalse(javaArguments(launcher, Map.of(), "--stacktrace", "compress").contains(C1), "the verb after a flag");
        for (String verb : new String[]{"summary", "report", "train", "reconstruct", "--help"}) {
            assertTrue(javaArguments(launcher, Map.of(), verb).contains(C1), verb);
        }
    }

    @Test
    void hourglassJitForcesOneForEveryVerb(@TempDir Path dir) throws Exception {
        Path launcher = install(dir);
        assertTrue(javaArguments(launcher, Map.of("HOURGLASS_JIT", "c1"), "compress").contains(C1));
        assertFalse(javaArguments(launcher, Map.of("HOURGLASS_JIT", "tiered"), "summary").contains(C1));
        Process p = start(launcher, Map.of("HOURGLASS_JIT", "c2"), "summary");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher did not return");
        assertEquals(2, p.exitValue());
        assertTrue(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).contains("HOURGLASS_JIT must be c1 or tiered"));
    }

    /** The launcher copied into {@code dir}, with an empty jar newer than any source beside it and a stand-in java. */
    private static Path install(Path dir) throws IOException {
        Path launcher = Files.copy(Path.of("hourglass"), dir.resolve("hourglass"));
        Files.createDirectories(dir.resolve("target"));
        Files.createFile(dir.resolve("target/hourglass.jar"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    private static String javaArguments(Path launcher, Map<String, String> env, String... args) throws Exception {
        Process p = start(launcher, env, args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher did not return");
        assertEquals(0, p.exitValue(), out + err);
        assertTrue(out.contains("-jar") && out.contains(args[args.length - 1]), out + err); // the stand-in ran, with the verb
        return out;
    }

    private static Process start(Path launcher, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        for (String inherited : new String[]{"HOURGLASS_JIT", "HOURGLASS_JAVA_OPTS", "HOURGLASS_ALLOCATOR"}) {
            pb.environment().remove(inherited); // the test's own environment must not decide the outcome
        }
        pb.environment().putAll(env);
        pb.environment().put("PATH", launcher.getParent().resolve("bin") + ":" + System.getenv("PATH"));
        return pb.start();
    }
}
