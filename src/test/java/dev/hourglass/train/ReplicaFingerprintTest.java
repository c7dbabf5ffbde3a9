package dev.hourglass.train;

import dev.hourglass.backend.C10dGroup;
import dev.hourglass.backend.Rendezvous;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.Presets;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.backend.DeviceChoice;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two ranks as two threads of this JVM (Gloo on loopback): replicas that differ are caught; the broadcast makes them equal. */
class ReplicaFingerprintTest {

    private static final ModelSpec TINY = Presets.BASELINE.withWidths(List.of(4, 8), 4).withImageSize(16);

    /** Runs {@code body(rank, group)} on two ranks at once; returns what each returned (or threw). */
    private static List<Object> onTwoRanks(BiFunction<Integer, DataParallel, Object> body) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> f = new java.util.ArrayList<>();
            for (int rank = 0; rank < 2; rank++) {
                int r = rank;
                f.add(pool.submit(() -> {
                    Rendezvous rv = new Rendezvous("127.0.0.1", port, 2, r, r, Duration.ofSeconds(30), Duration.ofSeconds(30));
                    try (DataParallel dp = new DataParallel(C10dGroup.join(rv, "test", false), 1 << 20, 1)) {
                        return body.apply(r, dp);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            return List.of(f.get(0).get(90, TimeUnit.SECONDS), f.get(1).get(90, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void differentWeightsStopBothRanksAndTheBroadcastMakesThemEqual() throws Exception {
        List<Object> diverged = onTwoRanks((rank, dp) -> {
            Autoencoder m = ModelRunner.build(TINY, DeviceChoice.CPU, 1 + rank).model(); // a different seed per rank
            dp.checkFingerprints(m, 7);
            return "no error";
        });
        for (Object o : diverged) {
            assertTrue(o instanceof ReplicasDivergedException, String.valueOf(o));
            assertTrue(((Exception) o).getMessage().contains("rank(s) [1] differ from rank 0's before step 7"), ((Exception) o).getMessage());
        }
        List<Object> synced = onTwoRanks((rank, dp) -> {
            Autoencoder m = ModelRunner.build(TINY, DeviceChoice.CPU, 1 + rank).model();
            dp.startFromLeader(m);
            return WeightFingerprint.of(m);
        });
        assertEquals(synced.get(0), synced.get(1));
        assertTrue(synced.get(0) instanceof Long, String.valueOf(synced.get(0)));
    }
}
