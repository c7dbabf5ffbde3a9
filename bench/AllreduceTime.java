// Time of one Gloo all-reduce of a model's gradient bytes between ranks on this machine, without
// any training around it (so no waiting for a slower rank). A single-file program, not part of the build:
//   for r in 0 1; do MASTER_ADDR=127.0.0.1 MASTER_PORT=29600 WORLD_SIZE=2 RANK=$r \
//     java -cp 'target/hourglass.jar:target/lib/*' bench/AllreduceTime.java 749857 1839809 5089985 & done; wait
// Arguments: element counts (float32) to reduce; prints the median of 20 after 3 warm-ups, rank 0 only.
import dev.hourglass.backend.C10dGroup;
import dev.hourglass.backend.Rendezvous;
import org.bytedeco.pytorch.Tensor;

import java.util.Arrays;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.ones;

public class AllreduceTime {
    public static void main(String[] args) {
        Rendezvous r = Rendezvous.fromEnvironment(System.getenv());
        try (C10dGroup g = C10dGroup.join(r, "allreduce-time", false)) {
            for (String a : args) {
                long n = Long.parseLong(a);
                Tensor t = ones(n);
                double[] ms = new double[23];
                for (int i = 0; i < ms.length; i++) {
                    g.broadcast(List.of(ones(1)), 0); // start together
                    long t0 = System.nanoTime();
                    g.allreduceSum(List.of(t));
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                double[] kept = Arrays.copyOfRange(ms, 3, ms.length);
                Arrays.sort(kept);
                if (r.rank() == 0) {
                    System.out.printf("%,d floats (%.1f MiB): median %.1f ms, min %.1f ms, max %.1f ms over %d all-reduces of %d ranks%n",
                            n, n * 4 / 1048576.0, kept[kept.length / 2], kept[0], kept[kept.length - 1], kept.length, r.worldSize());
                }
            }
        }
    }
}
