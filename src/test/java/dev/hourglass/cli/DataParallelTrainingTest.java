package dev.hourglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.Tensors;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.Normalization;
import dev.hourglass.model.Presets;
import dev.hourglass.spec.SpecFiles;
import dev.hourglass.train.Checkpoint;
import org.bytedeco.pytorch.StringTensorDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data-parallel training with real processes on 127.0.0.1: two ranks of batch 4 train exactly as
 * one process of batch 8, on a tiny spec (32×32 crops, stages of 8 and 16 channels) without
 * BatchNorm (gradients averaged after backward), and with synchronised BatchNorm on the same spec
 * with it, its gradients averaged during backward (--overlap) in buckets of 1 KiB, so that many
 * buckets start while backward (and SyncBatchNorm's own all-reduces in it) continues.
 */
class DataParallelTrainingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String worstName = "";

    @Test
    void twoRanksOfBatchFourTrainAsOneProcessOfBatchEight(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("tiny.json");
        SpecFiles.write(Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32).withNorm(Normalization.NONE), spec);
        double worst = trainBothWays(dir, spec); // the gradients are averaged after backward
        assertTrue(worst <= 1e-5, "largest weight difference " + worst + " (" + worstName + ")");
        assertTrue(Files.readString(dir.resolve("group.log")).contains("[rank 1] rank 1 of 2 done"));
        assertEquals(4, JSON.readTree(Files.readString(dir.resolve("two/summary.json"))).get("config").get("batch").asInt(),
                "the stored batch is per rank");
    }

    @Test
    void withSyncBatchNormAndOverlappedSmallBucketsTwoRanksAlsoTrainAsOneProcess(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("tiny-bn.json");
        SpecFiles.write(Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32).withNorm(Normalization.BATCH), spec);
        // 0.001 MiB = 262 floats a bucket: the model's gradients fill dozens, whose all-reduces start during backward
        double worst = trainBothWays(dir, spec, "--sync-bn", "--overlap", "--bucket-mb", "0.001");
        assertTrue(worst <= 1e-5, "largest weight or BatchNorm statistic difference " + worst + " (" + worstName + ")");
    }

    /**
     * Trains {@code spec} 20 steps as 1 process × batch 8 and as 2 ranks × batch 4 (with {@code groupArgs}), checks the
     * losses of every step within 1e-5, and returns the largest difference of a parameter or buffer of the final checkpoints.
     */
    private static double trainBothWays(Path dir, Path spec, String... groupArgs) throws Exception {
        String[] common = {"train", "--spec", spec.toString(), "--steps", "20", "--validate-every", "10", "--log-every", "1",
                "--threads", "1"};
        Process single = Workers.start(Map.of(), dir.resolve("single.log"), concat(common, "--batch", "8", "--out", dir.resolve("one").toString()));
        Process group = Workers.start(Map.of(), dir.resolve("group.log"), concat(concat(common, "--batch", "4", "--nproc", "2",
                "--fingerprint-every", "5", "--out", dir.resolve("two").toString()), groupArgs));
        assertEquals(0, Workers.waitFor(single, 120), Files.readString(dir.resolve("single.log")));
        assertEquals(0, Workers.waitFor(group, 120), Files.readString(dir.resolve("group.log")));

        List<JsonNode> a = trainLines(dir.resolve("one/metrics.jsonl"));
        List<JsonNode> b = trainLines(dir.resolve("two/metrics.jsonl"));
        assertEquals(20, a.size());
        assertEquals(20, b.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(a.get(i).get("loss").asDouble(), b.get(i).get("loss").asDouble(), 1e-5, "loss at step " + (i + 1));
        }
        assertTrue(a.get(19).get("loss").asDouble() < a.get(0).get("loss").asDouble() - 1e-3, "the model learns something in 20 steps");
        Autoencoder one = Checkpoint.load(dir.resolve("one/final.ckpt")).model();
        Autoencoder two = Checkpoint.load(dir.resolve("two/final.ckpt")).model();
        double worst = 0;
        for (boolean buffers : new boolean[]{false, true}) {
            StringTensorDict p1 = buffers ? one.named_buffers() : one.named_parameters();
            StringTensorDict p2 = buffers ? two.named_buffers() : two.named_parameters();
            assertEquals(p1.size(), p2.size());
            for (long i = 0; i < p1.size(); i++) {
                String name = p1.get(i).key().getString();
                // a convolution's bias in front of BatchNorm has an exactly zero gradient (BatchNorm subtracts the batch
                // mean): Adam turns the float rounding it sees into steps of ±lr, which differ between any two runs and
                // change no output. Those biases are left out, and with them the running mean of that BatchNorm, which
                // averages the bias in; every other parameter and buffer (the running variance included) is compared.
                if (name.endsWith(".conv.bias") && one.named_parameters().contains(name.replace(".conv.bias", ".bn.weight"))) continue;
                if (name.endsWith(".bn.running_mean") && one.named_parameters().contains(name.replace(".bn.running_mean", ".conv.bias"))) continue;
                double d = maxDiff(Tensors.toFloats(p1.get(i).value()), Tensors.toFloats(p2.get(name)));
                if (d > worst) {
                    worst = d;
                    worstName = name;
                }
            }
        }
        float[] w10 = Tensors.toFloats(Checkpoint.load(dir.resolve("two/checkpoints/step-000010.ckpt")).model().named_parameters().get(0).value());
        assertTrue(maxDiff(w10, Tensors.toFloats(two.named_parameters().get(0).value())) > 1e-4,
                "the weights moved between step 10 and 20, so equality is not trivial");
        return worst;
    }

    static List<JsonNode> trainLines(Path metrics) throws Exception {
        return Files.readAllLines(metrics).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(n -> n.get("kind").asText().equals("train")).toList();
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
