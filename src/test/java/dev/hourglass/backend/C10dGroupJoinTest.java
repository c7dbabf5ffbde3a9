package dev.hourglass.backend;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Joins that fail, in this JVM (Gloo on loopback): they end as BackendException and leave no store listening behind. */
class C10dGroupJoinTest {

    private static Rendezvous at(int port, int world, int rank) {
        return new Rendezvous("127.0.0.1", port, world, rank, rank, Duration.ofSeconds(20), Duration.ofSeconds(20));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRank0WhoseJoinFailsReleasesThePort() throws Exception {
        int port = freePort();
        // this machine has no CUDA: the NCCL backend fails after the store is up
        BackendException e = assertThrows(BackendException.class, () -> C10dGroup.join(at(port, 1, 0), "test", true));
        assertTrue(e.getMessage().contains("NCCL"), e.getMessage());
        try (ServerSocket again = new ServerSocket(port)) { // fails with "Address already in use" while the store still listens
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void aSecondProcessWithTheSameRankIsRefusedAndTheOthersFormTheGroup() throws Exception {
        int port = freePort();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Object>> f = new ArrayList<>();
            for (int rank : new int[]{0, 1, 1}) {
                f.add(pool.submit(() -> {
                    try {
                        C10dGroup g = C10dGroup.join(at(port, 2, rank), "test", false);
                        return g;
                    } catch (RuntimeException x) {
                        return x;
                    }
                }));
            }
            List<Object> out = new ArrayList<>();
            for (Future<Object> x : f) out.add(x.get(60, TimeUnit.SECONDS));
            List<Object> refused = out.stream().filter(o -> o instanceof BackendException).toList();
            assertEquals(1, refused.size(), out.toString());
            assertTrue(((Exception) refused.get(0)).getMessage().contains("rank 1 is already taken"), ((Exception) refused.get(0)).getMessage());
            assertEquals(2, out.stream().filter(o -> o instanceof C10dGroup).count(), out.toString());
            // the two that joined are a working group: an all-reduce sums their tensors
            List<Future<Float>> sums = new ArrayList<>();
            for (Object o : out) {
                if (!(o instanceof C10dGroup g)) continue;
                sums.add(pool.submit(() -> {
                    try (org.bytedeco.pytorch.Tensor t = org.bytedeco.pytorch.global.torch.ones(2)) {
                        g.allreduceSum(List.of(t));
                        return Tensors.toFloats(t)[0];
                    }
                }));
            }
            for (Future<Float> s : sums) assertEquals(2f, s.get(60, TimeUnit.SECONDS));
            for (Object o : out) if (o instanceof C10dGroup g) g.close();
        } finally {
            pool.shutdownNow();
        }
    }
}
