package dev.hourglass.cli;

import dev.hourglass.backend.C10dGroup;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Devices;
import dev.hourglass.backend.Rendezvous;
import dev.hourglass.train.DataParallel;
import dev.hourglass.train.TrainConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Data-parallel options of {@code train}: the torchrun environment (MASTER_ADDR, MASTER_PORT,
 * WORLD_SIZE, RANK, LOCAL_RANK) or the same as options, and {@code --nproc N} for N local workers.
 */
final class GroupOptions {

    @Option(names = "--nproc", paramLabel = "N", converter = Usage.PositiveLong.class, description = "Start N worker processes on this"
            + " machine that train as one data-parallel group over Gloo on 127.0.0.1 (like torchrun --nproc-per-node); --batch is"
            + " per worker, so the global batch is N × --batch. Each worker gets --threads cores÷N unless --threads is given.")
    Long nproc;
    @Option(names = "--world-size", paramLabel = "N", description = "Ranks in the group (default: $WORLD_SIZE, else 1 = no group).")
    Integer worldSize;
    @Option(names = "--rank", paramLabel = "R", description = "This process's rank, 0..N-1 (default: $RANK). Rank 0 hosts the rendezvous"
            + " and alone writes the run folder.")
    Integer rank;
    @Option(names = "--master", paramLabel = "HOST:PORT", description = "Rank 0's address and a free port on it (default:"
            + " $MASTER_ADDR:$MASTER_PORT).")
    String master;
    @Option(names = "--join-timeout", paramLabel = "S", defaultValue = "60", description = "Seconds to wait for all ranks to join"
            + " (default: ${DEFAULT-VALUE}).")
    int joinTimeout;
    @Option(names = "--collective-timeout", paramLabel = "S", defaultValue = "1800", description = "Seconds a rank waits in an all-reduce"
            + " for a silent (not dead) peer, e.g. while rank 0 validates (default: ${DEFAULT-VALUE}); a dead peer is noticed at once.")
    int collectiveTimeout;
    @Option(names = "--fingerprint-every", paramLabel = "N", defaultValue = "100", description = "Steps between comparisons of the"
            + " ranks' weight fingerprints (default: ${DEFAULT-VALUE}).")
    int fingerprintEvery;
    @Option(names = "--sync-bn", description = "Normalise BatchNorm layers with the statistics of the whole global batch"
            + " (SyncBatchNorm: one all-reduce per layer in forward and in backward) instead of each rank's own (DDP's default).")
    boolean syncBn;
    @Option(names = "--overlap", description = "Start each gradient bucket's all-reduce as soon as backward has produced it"
            + " (gradient hooks, as PyTorch's DDP), instead of all after backward.")
    boolean overlap;
    @Option(names = "--bucket-mb", paramLabel = "MB", defaultValue = "25", description = "Gradient bucket size for the all-reduce,"
            + " in MiB (default: ${DEFAULT-VALUE}, as PyTorch's DDP).")
    double bucketMb;

    /** The group this process should join, or null for a single process. */
    Rendezvous rendezvous(CommandSpec spec) {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (worldSize != null) env.put("WORLD_SIZE", worldSize.toString());
        if (rank != null) env.put("RANK", rank.toString());
        if (master != null) {
            String[] hp = Usage.check(spec, () -> Rendezvous.splitMaster(master));
            env.put("MASTER_ADDR", hp[0]);
            env.put("MASTER_PORT", hp[1]);
        }
        if (joinTimeout < 1 || collectiveTimeout < 1) throw Usage.error(spec, "--join-timeout and --collective-timeout must be 1 or more");
        if (fingerprintEvery < 1) throw Usage.error(spec, "--fingerprint-every must be 1 or more but was " + fingerprintEvery);
        if (!(bucketMb > 0 && bucketMb <= 4096)) throw Usage.error(spec, "--bucket-mb must be in (0, 4096] but was " + bucketMb);
        Rendezvous r = Usage.check(spec, () -> Rendezvous.fromEnvironment(env));
        if (r == null) {
            List<String> given = GROUP_ONLY.stream().filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o)).toList();
            if (!given.isEmpty()) {
                throw Usage.error(spec, String.join(", ", given) + " only appl" + (given.size() == 1 ? "ies" : "y") + " to data-parallel"
                        + " training (--nproc N, or WORLD_SIZE or --world-size above 1); this run would be a single process");
            }
            return null;
        }
        return r.withTimeouts(Duration.ofSeconds(joinTimeout), Duration.ofSeconds(collectiveTimeout));
    }

    /** Options that do nothing outside a group: given without one, they are a usage error rather than silently ignored. */
    private static final List<String> GROUP_ONLY = List.of("--sync-bn", "--overlap", "--bucket-mb", "--fingerprint-every", "--join-timeout",
            "--collective-timeout");

    /** Joins the group the options and environment describe; null when there is none. */
    DataParallel join(CommandSpec spec, TrainConfig config, DeviceChoice device) {
        Rendezvous r = rendezvous(spec);
        if (r == null) return null;
        C10dGroup g = C10dGroup.join(r, runKey(config, r.worldSize()), "cuda".equals(Devices.name(device)));
        // at least one byte: a tiny --bucket-mb (1e-9) would round to an empty bucket
        return new DataParallel(g, Math.max(1, (long) (bucketMb * (1 << 20))), fingerprintEvery, syncBn, overlap);
    }

    String backendName(DeviceChoice device) {
        return "cuda".equals(Devices.name(device)) ? "nccl" : "gloo";
    }

    /** Same run, same key: a process of another run that reaches the same port waits for keys nobody writes, and times out. */
    private static String runKey(TrainConfig config, int world) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((Json.write(config) + "/" + world).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** --nproc N: the same command without --nproc, as N workers. */
    void launch(CommandSpec spec, PrintWriter out, PrintWriter err) {
        if (worldSize != null || rank != null || master != null) {
            throw Usage.error(spec, "--nproc starts its own local group: give it without --world-size, --rank and --master");
        }
        if (nproc > 256) throw Usage.error(spec, "--nproc must be at most 256 but was " + nproc);
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--nproc")) {
                args.remove(i + 1);
                args.remove(i);
                break;
            }
            if (args.get(i).startsWith("--nproc=")) {
                args.remove(i);
                break;
            }
        }
        if (!args.contains("--threads") && args.stream().noneMatch(a -> a.startsWith("--threads="))) {
            args.add("--threads");
            args.add(Long.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / nproc)));
        }
        LocalLauncher.run(nproc.intValue(), args, out, err);
    }
}
