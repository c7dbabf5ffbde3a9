package dev.hourglass.data;

import java.nio.file.Path;

/** A file of a data folder that could not be used, and why. */
public record SkippedFile(Path file, String reason) {
}
