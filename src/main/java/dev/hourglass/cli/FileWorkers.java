package dev.hourglass.cli;

import dev.hourglass.backend.Torch;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Runs the file jobs of {@code compress -o}/{@code decompress -o} on a few worker threads, so that
 * reading, coding and writing one file (Java, one core each) overlap the network pass of another.
 * The network passes themselves take turns ({@code ModelRunner}'s inference methods are
 * synchronized) and each uses libtorch's intra-op threads. One line per finished file on standard
 * output, in the order they finish ({@code [k/n]} counts them); on a terminal a bar on standard
 * error. A file whose error is {@code skippable} (bad input, corrupt file) is named and skipped;
 * any other error stops the run: no new file is started, the running ones finish, and it is
 * rethrown.
 */
final class FileWorkers {

    /** The work of one file: returns the line that reports it. */
    interface Work {
        String run(BatchFiles.Job job);
    }

    /** How many files failed with a skippable error, and the last such error. */
    record Outcome(int failed, RuntimeException last) {
    }

    static final String JOBS_HELP = "Files worked on at once with -o (default: the number of cores, at most the number of files);"
            + " each holds its image in memory, so large photos may want fewer.";

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final Predicate<RuntimeException> skippable;
    private final Object printLock = new Object();
    private boolean barShown;

    FileWorkers(PrintWriter out, PrintWriter err, boolean terminal, Predicate<RuntimeException> skippable) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.skippable = skippable;
    }

    /** The worker count: {@code requested}, or the number of cores, never more than the files. */
    static int workers(Integer requested, int files) {
        int n = requested != null ? requested : Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(n, files));
    }

    Outcome run(List<BatchFiles.Job> jobs, int workers, Work work) {
        if (jobs.size() == 1) { // a single file keeps its error: the verb reports it with its own exit code
            print(work.run(jobs.get(0)));
            return new Outcome(0, null);
        }
        int threads = Torch.threads(); // libtorch's setting is per thread under OpenMP: each worker takes the caller's
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        RuntimeException[] lastSkipped = new RuntimeException[1];
        Throwable[] fatal = new Throwable[1];
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "hourglass-file-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            for (BatchFiles.Job job : jobs) pool.execute(() -> {
                synchronized (printLock) {
                    if (fatal[0] != null) return;
                }
                Torch.setThreads(threads);
                String line = null;
                RuntimeException skipped = null;
                try {
                    line = work.run(job);
                } catch (RuntimeException | Error e) {
                    if (!(e instanceof RuntimeException r && skippable.test(r))) {
                        synchronized (printLock) {
                            if (fatal[0] == null) fatal[0] = e;
                        }
                        return;
                    }
                    skipped = (RuntimeException) e;
                }
                synchronized (printLock) {
                    String prefix = "[" + done.incrementAndGet() + "/" + jobs.size() + "] ";
                    if (skipped != null) {
                        failed.incrementAndGet();
                        lastSkipped[0] = skipped;
                        clearBar();
                        String why = String.valueOf(skipped.getMessage());
                        // a message that names its file already (a corrupt .hg file's) is not prefixed with it twice
                        err.println(prefix + "skipped: " + (why.startsWith(job.in().toString()) ? why : job.in() + ": " + why));
                        err.flush();
                    } else {
                        print(prefix + line);
                    }
                    drawBar(done.get(), jobs.size());
                }
            });
        } finally { // a task never throws (it records its error in fatal), so waiting for the pool is waiting for the files
            pool.shutdown(); // no interrupt: a file being written finishes (or fails) on its own
            awaitAll(pool);
            synchronized (printLock) {
                clearBar();
            }
        }
        if (fatal[0] instanceof RuntimeException r) throw r;
        if (fatal[0] instanceof Error e) throw e;
        return new Outcome(failed.get(), lastSkipped[0]);
    }

    private void print(String line) {
        synchronized (printLock) {
            clearBar();
            out.println(line);
            out.flush();
        }
    }

    private void drawBar(int done, int total) {
        if (!terminal || done >= total) return;
        int width = 30;
        int filled = width * done / total;
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d files ", "#".repeat(filled), ".".repeat(width - filled), done, total);
        err.flush();
        barShown = true;
    }

    private void clearBar() {
        if (!barShown) return;
        err.print("\r" + " ".repeat(50) + "\r");
        err.flush();
        barShown = false;
    }

    private static void awaitAll(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // a large photo can take minutes; its worker is not interrupted
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while working on files", e);
        }
    }
}
