package dev.hourglass.backend;

import java.time.Duration;
import java.util.Map;

/**
 * Where and as whom a process joins a training group: the torchrun / Kubeflow PyTorchJob contract
 * (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK). Rank 0 hosts the rendezvous store on
 * the master's port; every rank connects to it.
 *
 * @param joinTimeout       how long the store connection and the Gloo mesh may take before the join fails
 * @param collectiveTimeout how long one all-reduce or broadcast may wait for a silent peer (a dead one is seen at once:
 *                          its sockets close)
 */
public record Rendezvous(String masterAddr, int masterPort, int worldSize, int rank, int localRank,
                         Duration joinTimeout, Duration collectiveTimeout) {

    public static final Duration DEFAULT_JOIN_TIMEOUT = Duration.ofSeconds(60);
    /** Rank 0 validates and checkpoints while the others wait in the next all-reduce: allow for that. */
    public static final Duration DEFAULT_COLLECTIVE_TIMEOUT = Duration.ofMinutes(30);

    public Rendezvous {
        if (masterAddr == null || masterAddr.isBlank()) throw new IllegalArgumentException("the master address is missing (MASTER_ADDR or --master)");
        if (masterPort < 1 || masterPort > 65535) throw new IllegalArgumentException("the master port must be in 1..65535 but was " + masterPort);
        if (worldSize < 1) throw new IllegalArgumentException("the world size must be 1 or more but was " + worldSize);
        if (rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("the rank must be in 0.." + (worldSize - 1) + " for world size " + worldSize + " but was " + rank);
        }
        if (localRank < 0) throw new IllegalArgumentException("the local rank must be 0 or more but was " + localRank);
        if (joinTimeout.isNegative() || joinTimeout.isZero()) throw new IllegalArgumentException("the join timeout must be positive");
        if (collectiveTimeout.isNegative() || collectiveTimeout.isZero()) throw new IllegalArgumentException("the collective timeout must be positive");
    }

    /**
     * The group the environment describes, or null when WORLD_SIZE is unset or 1 (a single process).
     * Every other variable is then required; a malformed one is an {@link IllegalArgumentException} naming it.
     */
    public static Rendezvous fromEnvironment(Map<String, String> env) {
        String world = env.get("WORLD_SIZE");
        if (world == null || world.isBlank() || integer(env, "WORLD_SIZE") == 1) return null;
        String addr = env.get("MASTER_ADDR");
        if (addr == null || addr.isBlank()) throw new IllegalArgumentException("WORLD_SIZE is " + world + " but MASTER_ADDR is not set");
        if (env.get("MASTER_PORT") == null) throw new IllegalArgumentException("WORLD_SIZE is " + world + " but MASTER_PORT is not set");
        if (env.get("RANK") == null) throw new IllegalArgumentException("WORLD_SIZE is " + world + " but RANK is not set");
        int local = env.get("LOCAL_RANK") == null ? 0 : integer(env, "LOCAL_RANK");
        return new Rendezvous(addr.trim(), integer(env, "MASTER_PORT"), integer(env, "WORLD_SIZE"), integer(env, "RANK"), local,
                DEFAULT_JOIN_TIMEOUT, DEFAULT_COLLECTIVE_TIMEOUT);
    }

    /** "host:port" → (host, port), for {@code --master}. */
    public static String[] splitMaster(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("--master must be HOST:PORT (e.g. 10.0.0.1:29500) but was " + hostPort);
        }
        return new String[]{hostPort.substring(0, colon), hostPort.substring(colon + 1)};
    }

    public Rendezvous withTimeouts(Duration join, Duration collective) {
        return new Rendezvous(masterAddr, masterPort, worldSize, rank, localRank, join, collective);
    }

    private static int integer(Map<String, String> env, String name) {
        try {
            return Integer.parseInt(env.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer but was '" + env.get(name) + "'");
        }
    }
}
