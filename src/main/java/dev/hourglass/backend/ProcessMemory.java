package dev.hourglass.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident and peak memory of this process, read from /proc/self/status (Linux). */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** VmRSS in bytes, or -1 where /proc is not available. */
    public static long rssBytes() {
        return field("VmRSS:");
    }

    /** VmHWM (peak resident set) in bytes, or -1. */
    public static long peakRssBytes() {
        return field("VmHWM:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
