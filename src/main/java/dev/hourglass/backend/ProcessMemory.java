package dev.hourglass.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident and peak memory of this process (/proc/self/status) and the memory the system has available (/proc/meminfo); Linux. */
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

    /**
     * The memory the system can still give a process without swapping: MemAvailable of /proc/meminfo
     * in bytes, or -1 where it is not available. The system property {@value #AVAILABLE_PROPERTY}
     * (bytes) replaces it, so that tests can play a small machine.
     */
    public static long availableBytes() {
        String forced = System.getProperty(AVAILABLE_PROPERTY);
        if (forced != null) {
            try {
                return Long.parseLong(forced.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(AVAILABLE_PROPERTY + " must be a number of bytes but was '" + forced + "'");
            }
        }
        return field(Path.of("/proc/meminfo"), "MemAvailable:");
    }

    /** See {@link #availableBytes()}. */
    public static final String AVAILABLE_PROPERTY = "hourglass.memAvailableBytes";

    private static long field(String name) {
        return field(Path.of("/proc/self/status"), name);
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
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
