package dev.hourglass.cli;

import dev.hourglass.backend.AtomicFiles;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Writes the verbs' output files; every failure becomes an {@link OutputException} that names the file and the problem. */
final class Outputs {

    private Outputs() {
    }

    static void write(Path target, AtomicFiles.Writer writer) {
        check(target);
        try {
            AtomicFiles.write(target, writer);
        } catch (IOException e) {
            throw failed(target, e);
        }
    }

    static void writeString(Path target, String text) {
        write(target, tmp -> Files.writeString(tmp, text));
    }

    static void writeBytes(Path target, byte[] bytes) {
        write(target, tmp -> Files.write(tmp, bytes));
    }

    /** Writes a PNG with a writer that throws IOException (or UncheckedIOException); failures name the file and the problem. */
    static void png(Path target, AtomicFiles.Writer writer) {
        try {
            writer.writeTo(target);
        } catch (IOException e) {
            throw failed(target, e);
        } catch (java.io.UncheckedIOException e) {
            throw failed(target, e.getCause());
        }
    }

    /** PNG is the only image format the verbs write: a name with another image extension (.jpg, .tif…) is refused (exit 2). */
    static void requirePng(picocli.CommandLine.Model.CommandSpec spec, Path target) {
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && !name.substring(dot + 1).equalsIgnoreCase("png") && !Files.isDirectory(target)
                && !(Files.exists(target) && !Files.isRegularFile(target))) {
            throw Usage.error(spec, target + ": hourglass writes PNG only; name the output .png (got ." + name.substring(dot + 1) + ")");
        }
    }

    /** Checks before any work that an output can be created: its nearest existing ancestor is a folder and it is not a folder itself. */
    static void check(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) throw new OutputException("cannot write " + target + ": it is a folder", null);
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) throw new OutputException("cannot write " + target + ": " + p + " is not a folder", null);
                return;
            }
        }
    }

    /** Checks before any work that a folder can hold the outputs: it is a folder or can become one. */
    static void checkFolder(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) throw new OutputException("cannot write into " + folder + ": " + p + " is not a folder", null);
                return;
            }
        }
    }

    static OutputException failed(Path target, IOException e) {
        return new OutputException("cannot write " + target + ": " + describe(e), e);
    }

    /** An I/O failure in words: the kind of problem first, then the system's reason. */
    static String describe(Throwable e) {
        if (e == null) return "unknown I/O error";
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        String file = e instanceof FileSystemException f && f.getFile() != null ? " (" + f.getFile() + ")" : "";
        if (e instanceof AccessDeniedException) return "permission denied" + file;
        if (e instanceof NoSuchFileException) return "no such file or folder" + file;
        if (e instanceof NotDirectoryException) return "not a folder" + file;
        if (e instanceof FileAlreadyExistsException) return "already exists" + file;
        if (reason == null) return e.getClass().getSimpleName() + file;
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("not a directory")) return "not a folder" + file;
        if (r.contains("no space")) return "no space left on the device" + file;
        if (r.contains("read-only")) return "read-only file system" + file;
        return reason + file;
    }
}
