package dev.hourglass.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts hourglass in separate JVMs (real processes, as a cluster would), with the test's class path. */
final class Workers {

    private Workers() {
    }

    /** A process running {@code Main args} with the extra environment, its output in {@code log}. */
    static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TORCH_CPP_LOG_LEVEL", "ERROR");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The torchrun variables of rank {@code rank} in a group of {@code world} on loopback. */
    static Map<String, String> rank(int rank, int world, int port) {
        return Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT", Integer.toString(port), "WORLD_SIZE", Integer.toString(world),
                "RANK", Integer.toString(rank), "LOCAL_RANK", Integer.toString(rank));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits at most {@code seconds} for the process; kills it and returns -1 when it is still running. */
    static int waitFor(Process p, long seconds) throws InterruptedException {
        if (p.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) return p.exitValue();
        p.destroyForcibly().waitFor();
        return -1;
    }

    static String jvmName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
