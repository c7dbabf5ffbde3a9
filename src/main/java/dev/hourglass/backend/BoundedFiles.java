package dev.hourglass.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole file only up to a cap, never trusting its reported size: {@code /dev/zero}, a FIFO
 * or a sparse 3 GB file stop at the cap + 1 bytes instead of filling memory.
 */
public final class BoundedFiles {

    /** The file holds more than the cap allows. */
    public static final class TooLargeException extends IOException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    private BoundedFiles() {
    }

    public static byte[] read(Path file, long cap) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > cap) {
            throw new TooLargeException(file + " is larger than " + cap + " bytes (" + Files.size(file) + ")");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (bytes.length > cap) throw new TooLargeException(file + " is larger than " + cap + " bytes");
            return bytes;
        }
    }
}
