package dev.hourglass.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Other programs run without a terminal, within their limit, and fail with their own reason. */
class ExternalCommandTest {

    private static ExternalCommand sh(String script, Duration limit) {
        return ExternalCommand.of(List.of("sh", "-c", script), limit);
    }

    private static long filesIn(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void standardOutputGoesToTheFileAndTheEnvironmentIsPassed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        new ExternalCommand(List.of("sh", "-c", "printf '%s-%s' \"$GREETING\" done"), Map.of("GREETING", "hello"), Duration.ofSeconds(30))
                .run(out, dir);
        assertEquals("hello-done", Files.readString(out));
        assertEquals(1, filesIn(dir), "the stderr scratch file is removed");
    }

    @Test
    void standardInputIsEmptySoAReaderEndsAtOnce(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("read.txt");
        sh("cat; echo end", Duration.ofSeconds(30)).run(out, dir); // with an inherited terminal or pipe, cat would wait
        assertEquals("end\n", Files.readString(out));
    }

    @Test
    void aFailureCarriesTheExitCodeAndTheStartOfStderrOnOneLine(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class,
                () -> sh("echo 'first problem' >&2; echo 'second' >&2; exit 3", Duration.ofSeconds(30)).run(null, dir));
        assertEquals("sh failed (exit 3): first problem | second", e.getMessage());
    }

    @Test
    void muchOutputNeitherBlocksNorFloodsTheMessageWhichKeepsItsStartAndEnd(@TempDir Path dir) throws Exception {
        // 1 MB would fill a pipe that nobody reads; here it goes to a file, and the message keeps the banner and the error
        IOException e = assertThrows(IOException.class, () -> sh("echo banner; head -c 1000000 /dev/zero | tr '\\0' x >&2;"
                + " echo; echo 'the real error' >&2; exit 1", Duration.ofSeconds(60)).run(null, dir));
        assertTrue(e.getMessage().startsWith("sh failed (exit 1): banner | xxxx"), e.getMessage());
        assertTrue(e.getMessage().endsWith("xxxx | the real error"), e.getMessage());
        assertTrue(e.getMessage().contains(" ... "), e.getMessage());
        assertTrue(e.getMessage().length() < ExternalCommand.MESSAGE_CHARS + 40, "length " + e.getMessage().length());
        assertEquals(0, filesIn(dir));
    }

    @Test
    void aKilledProgramTakesItsChildrenAlong(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("child.pid");
        IOException e = assertThrows(IOException.class,
                () -> sh("sleep 60 & echo $! > " + pid + "; wait", Duration.ofSeconds(2)).run(null, dir));
        assertEquals("sh did not finish in 2 s", e.getMessage());
        long child = Long.parseLong(Files.readString(pid).strip());
        java.util.Optional<ProcessHandle> h = ProcessHandle.of(child);
        if (h.isPresent()) h.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS); // killed: gone within moments
        assertTrue(ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true), "the child sleep was killed");
    }

    @Test
    void aProgramPastItsLimitIsKilledAndNamed(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> sh("sleep 60", Duration.ofSeconds(1)).run(null, dir));
        assertEquals("sh did not finish in 1 s", e.getMessage());
        assertTrue(System.nanoTime() - t0 < 30e9, "the limit fired instead of waiting for the program");
        assertEquals(0, filesIn(dir), "the scratch file is removed after a kill too");
    }

    @Test
    void aMissingProgramSaysSo(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class,
                () -> ExternalCommand.of(List.of("no-such-program-hourglass"), Duration.ofSeconds(5)).run(null, dir));
        assertTrue(e.getMessage().startsWith("cannot run no-such-program-hourglass: "), e.getMessage());
        assertTrue(e.getCause() != null, "the reason is kept");
    }
}
