package dev.hourglass.cli;

import dev.hourglass.backend.BackendException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * {@code train --nproc N}: starts N worker processes of this same program on this machine (like
 * {@code torchrun --nproc-per-node N}), each with MASTER_ADDR=127.0.0.1, a free MASTER_PORT,
 * WORLD_SIZE=N, RANK=LOCAL_RANK=i, and waits for them. Rank 0's output is passed through, the
 * others' lines are prefixed with their rank. When one worker fails, the others have
 * {@link #GRACE_SECONDS} to stop by themselves (they see the lost rank at their next collective)
 * before they are killed.
 */
final class LocalLauncher {

    static final long GRACE_SECONDS = 75;

    private LocalLauncher() {
    }

    /** Runs the workers; returns normally when all succeeded, otherwise throws what maps to the first failure's exit code. */
    static void run(int nproc, List<String> workerArgs, PrintWriter out, PrintWriter err) {
        run(nproc, workerArgs, out, err, LocalLauncher::freePort);
    }

    /**
     * As {@link #run(int, List, PrintWriter, PrintWriter)}, on ports from {@code ports}. A port found free can be taken
     * by another program before rank 0 binds it: then the group starts once more on the next port.
     */
    static void run(int nproc, List<String> workerArgs, PrintWriter out, PrintWriter err, IntSupplier ports) {
        int port = ports.getAsInt();
        try {
            launch(nproc, port, workerArgs, out, err);
        } catch (PortTaken e) {
            int next = ports.getAsInt();
            out.println("port " + port + " was taken before rank 0 could bind it: starting the workers again on port " + next);
            out.flush();
            try {
                launch(nproc, next, workerArgs, out, err);
            } catch (PortTaken again) {
                throw again.failure;
            }
        }
    }

    /** Rank 0 could not bind the port: the group never formed. */
    private static final class PortTaken extends RuntimeException {
        final WorkerFailedException failure;

        PortTaken(WorkerFailedException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    private static void launch(int nproc, int port, List<String> workerArgs, PrintWriter out, PrintWriter err) {
        List<Process> workers = new ArrayList<>();
        List<Thread> pumps = new ArrayList<>();
        AtomicBoolean portTaken = new AtomicBoolean();
        String takenLine = "port " + port + " is already in use"; // C10dGroup's message when rank 0 cannot bind
        Thread killer = new Thread(() -> workers.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(killer); // Ctrl-C on the launcher ends the workers too
        try {
            for (int rank = 0; rank < nproc; rank++) {
                ProcessBuilder pb = new ProcessBuilder(command(workerArgs));
                pb.environment().put("MASTER_ADDR", "127.0.0.1");
                pb.environment().put("MASTER_PORT", Integer.toString(port));
                pb.environment().put("WORLD_SIZE", Integer.toString(nproc));
                pb.environment().put("RANK", Integer.toString(rank));
                pb.environment().put("LOCAL_RANK", Integer.toString(rank));
                Process p = pb.start();
                workers.add(p);
                String prefix = rank == 0 ? "" : "[rank " + rank + "] ";
                pumps.add(pump(p.getInputStream(), out, prefix, null, null));
                pumps.add(pump(p.getErrorStream(), err, prefix, rank == 0 ? takenLine : null, portTaken));
            }
            out.println("launched " + nproc + " workers (pids " + workers.stream().map(p -> Long.toString(p.pid())).toList()
                    + ") on 127.0.0.1:" + port);
            out.flush();
            try {
                waitFor(workers, portTaken);
            } catch (WorkerFailedException e) {
                for (Thread t : pumps) join(t);
                if (portTaken.get()) throw new PortTaken(e);
                throw e;
            } finally {
                for (Thread t : pumps) join(t); // the workers' last lines before ours
            }
        } catch (IOException e) {
            workers.forEach(Process::destroyForcibly);
            throw new BackendException("cannot start the worker processes: " + e.getMessage(), e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs
            }
        }
    }

    /** Waits for every worker; after the first failure, gives the rest a grace period. */
    private static void waitFor(List<Process> workers, AtomicBoolean portTaken) {
        int failedRank = -1;
        int failedCode = 0;
        long deadline = Long.MAX_VALUE;
        while (workers.stream().anyMatch(Process::isAlive) && System.nanoTime() < deadline) {
            for (int r = 0; r < workers.size(); r++) {
                Process p = workers.get(r);
                if (failedRank < 0 && !p.isAlive() && p.exitValue() != 0) {
                    failedRank = r;
                    failedCode = p.exitValue();
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
                }
            }
            if (failedRank >= 0 && portTaken.get()) break; // the others wait for a rendezvous that will not come
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.forEach(Process::destroyForcibly);
        for (int r = 0; failedRank < 0 && r < workers.size(); r++) {
            int code = exitCode(workers.get(r));
            if (code != 0) {
                failedRank = r;
                failedCode = code;
            }
        }
        if (failedRank < 0) return;
        String what = "worker rank " + failedRank + (failedCode > 128 ? " was killed by signal " + (failedCode - 128) : " exited with code " + failedCode);
        throw new WorkerFailedException(what + " (see its message above); the group stopped", launcherCode(failedCode));
    }

    /** The worker's own exit code when it is one of ours (README's table); a signal or an unknown code is a backend failure (4). */
    static int launcherCode(int workerCode) {
        return switch (workerCode) {
            case ExitCodes.CHECK_FAILED, ExitCodes.USAGE, ExitCodes.BAD_INPUT, ExitCodes.BACKEND, ExitCodes.CORRUPT_FILE, ExitCodes.IO,
                 ExitCodes.INTERNAL -> workerCode;
            default -> ExitCodes.BACKEND;
        };
    }

    private static int exitCode(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.BACKEND;
        }
    }

    /** This JVM's own command line: java, its options, class path, main class, then the worker's arguments. */
    private static List<String> command(List<String> workerArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(workerArgs);
        return cmd;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies a worker's lines to {@code to}; sets {@code seen} when a line contains {@code watch} (when not null). */
    private static Thread pump(InputStream in, PrintWriter to, String prefix, String watch, AtomicBoolean seen) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (watch != null && line.contains(watch)) seen.set(true);
                    synchronized (to) {
                        to.println(prefix + line);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the worker is gone
            }
        }, "hourglass-worker-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
