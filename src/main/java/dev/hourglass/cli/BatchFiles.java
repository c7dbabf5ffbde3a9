package dev.hourglass.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The files a codec verb works on: {@code IN OUT}, or with {@code -o DIR} any number of files and
 * folders (walked recursively for the files the verb reads), each written to DIR under its own
 * name (its path below the folder it was found in) with the verb's extension.
 */
final class BatchFiles {

    /** One input and the output it becomes. */
    record Job(Path in, Path out) {
    }

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff", "pgm");

    private BatchFiles() {
    }

    static boolean isImage(Path p) {
        return IMAGE_EXTENSIONS.contains(extension(p));
    }

    static boolean isHg(Path p) {
        return extension(p).equals("hg");
    }

    static List<Job> jobs(CommandSpec cmd, List<Path> files, Path outDir, String newExtension, Predicate<Path> wanted) {
        if (outDir == null) {
            if (files.size() != 2) {
                throw Usage.error(cmd, "give IN and OUT, or -o DIR followed by any number of files and folders (" + files.size() + " given)");
            }
            return List.of(new Job(files.get(0), files.get(1)));
        }
        Outputs.checkFolder(outDir);
        List<Job> jobs = new ArrayList<>();
        Set<Path> outputs = new HashSet<>();
        for (Path f : files) {
            if (Files.isDirectory(f)) {
                try (Stream<Path> s = Files.walk(f)) {
                    for (Path p : s.filter(Files::isRegularFile).filter(wanted).sorted().toList()) {
                        jobs.add(new Job(p, outDir.resolve(renamed(f.relativize(p), newExtension))));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                jobs.add(new Job(f, outDir.resolve(renamed(f.getFileName(), newExtension))));
            }
        }
        for (Job j : jobs) {
            if (!outputs.add(j.out().toAbsolutePath().normalize())) {
                throw Usage.error(cmd, "two inputs would both be written to " + j.out() + "; give them in separate runs");
            }
        }
        if (jobs.isEmpty()) throw Usage.error(cmd, "no file to work on in " + files);
        return jobs;
    }

    /** Creates the folders an output needs below DIR. */
    static void prepare(Job j) {
        try {
            if (j.out().getParent() != null) Files.createDirectories(j.out().getParent());
        } catch (IOException e) {
            throw Outputs.failed(j.out(), e);
        }
    }

    private static Path renamed(Path relative, String newExtension) {
        String name = relative.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        Path parent = relative.getParent();
        return parent == null ? Path.of(base + newExtension) : parent.resolve(base + newExtension);
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
