package dev.hourglass.backend;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The run {@link GlooTeardownTest} starts in a JVM of its own: two ranks as threads form a Gloo
 * group, run every kind of collective, close, and the heap is then exercised so that glibc's
 * checks meet any chunk a late free has damaged. Exit 0 and "N iterations" on success; glibc
 * aborts the JVM (134) on a damaged heap; exit 1 with a line when a figure is wrong.
 */
final class GlooTeardownChild {

    private GlooTeardownChild() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = Integer.parseInt(args[0]);
        for (int i = 0; i < iterations; i++) {
            String wrong = oneGroup();
            if (wrong != null) {
                System.out.println("iteration " + i + ": " + wrong);
                System.exit(1);
            }
            System.gc(); // JavaCPP frees unreachable wrappers on its own thread after a collection
            Thread.sleep(100);
            exerciseHeap();
        }
        System.out.println(iterations + " iterations");
    }

    /** null when both ranks summed and broadcast correctly and hold no collective afterwards. */
    private static String oneGroup() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> ranks = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int rank = r;
                ranks.add(pool.submit(() -> {
                    Rendezvous at = new Rendezvous("127.0.0.1", port, 2, rank, rank, Duration.ofSeconds(30), Duration.ofSeconds(30));
                    try (C10dGroup g = C10dGroup.join(at, "teardown", false)) {
                        return collectives(g, rank);
                    }
                }));
            }
            for (Future<String> f : ranks) {
                String wrong = f.get(90, TimeUnit.SECONDS);
                if (wrong != null) return wrong;
            }
            return null;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String collectives(C10dGroup g, int rank) {
        try (Tensor a = torch.ones(3); Tensor b = torch.full(new long[]{2}, new org.bytedeco.pytorch.Scalar(rank + 1.0));
             Tensor c = torch.ones(4); Tensor d = torch.full(new long[]{2}, new org.bytedeco.pytorch.Scalar(10.0 * (rank + 1)))) {
            g.allreduceSum(List.of(a, b));
            g.allreduceSumAsync(c).await();
            g.broadcast(List.of(d), 0);
            float[] got = {Tensors.toFloats(a)[0], Tensors.toFloats(b)[1], Tensors.toFloats(c)[3], Tensors.toFloats(d)[0]};
            float[] want = {2f, 3f, 2f, 10f};
            if (!java.util.Arrays.equals(got, want)) return "rank " + rank + " got " + java.util.Arrays.toString(got);
            if (g.openCollectives() != 0) return "rank " + rank + " still holds " + g.openCollectives() + " collective(s)";
            return null;
        }
    }

    private static void exerciseHeap() {
        for (int i = 0; i < 20; i++) {
            try (Tensor x = torch.randn(4, 1, 128 + 16 * i, 128); Tensor y = x.mul(x); Tensor s = y.sum()) {
                s.item_float();
            }
        }
    }
}
