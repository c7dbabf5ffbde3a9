package dev.hourglass.backend;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs another program (git, cjpeg, cwebp, ...) with no terminal: stdin is {@code /dev/null}, stdout
 * goes to a file or is discarded, stderr to a scratch file that is read only after the program
 * ended. Nothing is read from a pipe while waiting, so the time limit always fires, and a program
 * that writes much to stderr cannot block on a full pipe.
 */
public record ExternalCommand(List<String> command, Map<String, String> environment, Duration limit) {

    /** At most this many characters of the program's stderr go into an error message. */
    static final int MESSAGE_CHARS = 300;

    public ExternalCommand {
        if (command.isEmpty()) throw new IllegalArgumentException("no program to run");
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    public static ExternalCommand of(List<String> command, Duration limit) {
        return new ExternalCommand(command, Map.of(), limit);
    }

    /**
     * Runs the program to its end. {@code stdout} receives its standard output (null: discarded);
     * {@code scratch} is a writable folder for the stderr file. An IOException names the program
     * when it cannot start, exceeds the limit (it is then killed), is interrupted, or exits non-zero
     * (with the start of its stderr).
     */
    public void run(Path stdout, Path scratch) throws IOException {
        String program = command.get(0);
        Path err = Files.createTempFile(scratch, ".stderr-", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()))
                    .redirectError(err.toFile());
            pb.environment().putAll(environment);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new IOException(program + " is not installed or cannot run: " + e.getMessage());
            }
            try {
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(program + " did not finish in " + limit.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(program + " was interrupted");
            }
            if (p.exitValue() != 0) {
                String text = start(err);
                throw new IOException(program + " failed (exit " + p.exitValue() + ")" + (text.isEmpty() ? "" : ": " + text));
            }
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** The first {@link #MESSAGE_CHARS} characters of a file, as one line; malformed UTF-8 is replaced, not an error. */
    private static String start(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4 * MESSAGE_CHARS);
        }
        String text = new String(head, StandardCharsets.UTF_8).strip().replaceAll("\\s*\\R\\s*", " | ");
        return text.length() > MESSAGE_CHARS ? text.substring(0, MESSAGE_CHARS) + "..." : text;
    }
}
