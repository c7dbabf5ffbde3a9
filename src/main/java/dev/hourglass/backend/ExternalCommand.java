package dev.hourglass.backend;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs another program (git, cjpeg, cwebp, ...) with no terminal: stdin is {@code /dev/null},
 * stdout goes to a file, or, when not wanted, joins stderr in a scratch file that is read only after
 * the program ended. Nothing is read from a pipe while waiting, so the time limit always fires, and
 * a program that writes much cannot block on a full pipe. A program past its limit is killed with
 * its children, and waited for, before the error is thrown.
 */
public record ExternalCommand(List<String> command, Map<String, String> environment, Duration limit) {

    /** At most this many characters of the program's messages go into an error: the start and the end. */
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
     * Runs the program to its end. {@code stdout} receives its standard output (null: kept with
     * stderr for the error message); {@code scratch} is a writable folder for the message file. An
     * IOException names the program when it cannot start, exceeds the limit, is interrupted, or exits
     * non-zero (with the start and end of what it said).
     */
    public void run(Path stdout, Path scratch) throws IOException {
        String program = command.get(0);
        Path said = Files.createTempFile(scratch, ".stderr-", ".txt");
        IOException failure = null;
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(said.toFile());
            if (stdout != null) pb.redirectOutput(stdout.toFile());
            else pb.redirectErrorStream(true).redirectOutput(said.toFile());
            pb.environment().putAll(environment);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new IOException("cannot run " + program + ": " + e.getMessage(), e);
            }
            try {
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(p);
                    throw new IOException(program + " did not finish in " + limit.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                kill(p);
                Thread.currentThread().interrupt();
                throw new IOException(program + " was interrupted", e);
            }
            if (p.exitValue() != 0) {
                String text = startAndEnd(said);
                throw new IOException(program + " failed (exit " + p.exitValue() + ")" + (text.isEmpty() ? "" : ": " + text));
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        } finally {
            try {
                Files.deleteIfExists(said);
            } catch (IOException e) {
                if (failure != null) failure.addSuppressed(e); // the program's own failure stays the message
                else throw e;
            }
        }
    }

    /** Kills the program and what it started, and waits a little so that nothing writes on after we return. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The file as one line; when longer than {@link #MESSAGE_CHARS}, its start and its end. Malformed UTF-8 is replaced. */
    private static String startAndEnd(Path file) throws IOException {
        int half = MESSAGE_CHARS / 2;
        String head;
        String tail;
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            boolean small = size <= 4L * MESSAGE_CHARS; // 4 bytes a character at most in UTF-8
            head = oneLine(read(ch, 0, small ? (int) size : 4 * half));
            tail = small ? head : oneLine(read(ch, size - 4L * half, 4 * half));
            if (small && head.length() <= MESSAGE_CHARS) return head;
        }
        return head.substring(0, Math.min(half, head.length())) + " ... " + tail.substring(Math.max(0, tail.length() - half));
    }

    private static String read(SeekableByteChannel ch, long from, int bytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(bytes);
        ch.position(from);
        while (b.hasRemaining() && ch.read(b) > 0) {
            // until full or at the end
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " | ");
    }
}
