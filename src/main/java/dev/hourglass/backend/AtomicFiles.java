package dev.hourglass.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the complete new one: a temporary
 * file in the same folder, forced to disk, then renamed over the target. A failure removes the
 * temporary file and leaves the target as it was. Only regular files (and new paths) are written
 * that way: a symbolic link is followed and its target replaced (the link stays), and a device or
 * FIFO ({@code /dev/null}, {@code /dev/stdout}, a named pipe) is written through, since renaming a
 * file over it would replace the device with a regular file.
 */
public final class AtomicFiles {

    /** Writes the content of a file at the path it is given (with ordinary writes: never delete or replace that path). */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Writer writer) throws IOException {
        if (Files.isSymbolicLink(target)) {
            Path real;
            try {
                real = target.toRealPath();
            } catch (java.nio.file.NoSuchFileException e) { // a dangling link: create its target through it
                writer.writeTo(target);
                return;
            }
            write(real, writer);
            return;
        }
        if (Files.exists(target) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(target)) throw new java.nio.file.FileSystemException(target.toString(), null, "is a folder");
            writer.writeTo(target); // a device or FIFO: write through
            return;
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            writer.writeTo(tmp);
            try { // temporary files are created owner-only; give the result the usual rw-r--r--
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its defaults
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text));
    }

    public static void copy(Path source, Path target) throws IOException {
        write(target, tmp -> { // a stream copy: Files.copy with REPLACE_EXISTING would delete a device first
            try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            }
        });
    }
}
