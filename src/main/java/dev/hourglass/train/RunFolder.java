package dev.hourglass.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run folder held by one training process: an exclusive lock on {@value #LOCK_FILE} (a
 * {@link FileChannel} lock, released by the operating system when the process dies, so a killed
 * run leaves no stale lock), holding the process id for the message a second run gets. The file
 * itself stays: deleting it could let two processes lock two different files of the same name.
 */
public final class RunFolder implements AutoCloseable {

    public static final String LOCK_FILE = ".lock";

    /**
     * Temporary files the trainer itself makes in a run folder and its checkpoints/ folder (an
     * optimiser archive, and {@code AtomicFiles}' ".NAME…tmp" for each output it replaces). A kill
     * can leave them behind; nothing else matches.
     */
    private static final Pattern OURS = Pattern.compile(
            "\\.(optimizer|last\\.ckpt|final\\.ckpt|summary\\.json|metrics\\.jsonl|loss\\.png|psnr\\.png|reconstructions\\.png)\\d*\\.tmp");
    private static final Pattern OURS_IN_CHECKPOINTS = Pattern.compile("\\.step-\\d+\\.ckpt\\d*\\.tmp");

    private final FileChannel channel;
    private final FileLock lock;

    private RunFolder(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed and locks it.
     *
     * @throws RunFolderInUseException when another run (this process or another) holds it
     */
    public static RunFolder lock(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        Path file = runDir.resolve(LOCK_FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM holds it already
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(ch);
            ch.close();
            throw new RunFolderInUseException(runDir + " is in use by another training run (process " + holder
                    + "); wait for it to end, or choose another --out");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(false);
        return new RunFolder(ch, lock);
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            int n = ch.read(b, 0);
            String pid = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d+") ? pid : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Deletes the temporary files a killed run of ours may have left (only ours: see {@link #OURS}); returns their names. */
    static List<String> removeStaleTemporaries(Path runDir) throws IOException {
        List<String> removed = new ArrayList<>();
        removeMatching(runDir, OURS, removed);
        removeMatching(runDir.resolve("checkpoints"), OURS_IN_CHECKPOINTS, removed);
        return removed;
    }

    private static void removeMatching(Path dir, Pattern p, List<String> removed) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS) && p.matcher(f.getFileName().toString()).matches()) {
                    Files.deleteIfExists(f);
                    removed.add(f.getFileName().toString());
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
