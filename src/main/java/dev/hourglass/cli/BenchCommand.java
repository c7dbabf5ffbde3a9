package dev.hourglass.cli;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.ProcessMemory;
import dev.hourglass.backend.Torch;
import dev.hourglass.convmath.Shape;
import dev.hourglass.inspect.Numbers;
import dev.hourglass.inspect.Table;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.Benchmark;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.PlannedOp;
import dev.hourglass.model.Presets;
import dev.hourglass.model.Timings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Training-step and inference speed per preset and batch size, against the machine's matmul peak.",
                "For each preset and batch: min/median/max seconds of a training step (forward, MSE, backward, Adam) and of an"
                        + " eval-mode forward without autograd, after warm-up; the model's MACs per image (convmath) turned into"
                        + " achieved GFLOP/s (training counted as 3× the forward FLOPs); the GFLOP/s of a 2048×2048 matrix"
                        + " product (the practical peak) and the convolutions' share of it in inference; peak RSS.",
                "With --soak N: resident memory sampled over N training steps instead (e.g. --soak 2000 --size 64 --batch 4)."})
final class BenchCommand implements Runnable {

    @Option(names = "--arch", split = ",", defaultValue = "baseline", description = "Presets, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> archs;
    @Option(names = "--batch", split = ",", converter = Usage.Positive.class, defaultValue = "8", description = "Batch sizes, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;
    @Option(names = "--size", converter = Usage.Positive.class, description = "Image side (default: the preset's, 256).")
    Integer size;
    @Option(names = "--warmup", converter = Usage.NonNegative.class, defaultValue = "2", description = "Untimed warm-up runs (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--repeats", converter = Usage.Positive.class, defaultValue = "5", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int repeats;
    @Option(names = "--soak", paramLabel = "STEPS", converter = Usage.Positive.class, description = "Sample RSS over this many training steps instead of timing.")
    Integer soak;
    @Mixin
    DeviceOptions deviceOptions;
    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Usage.formats(spec, format, OutputFormat.TEXT, OutputFormat.JSON);
        for (String a : archs) Usage.check(spec, () -> size == null ? Presets.get(a) : Presets.get(a).withImageSize(size));
        DeviceChoice device = deviceOptions.apply();
        PrintWriter out = spec.commandLine().getOut();
        if (soak != null) {
            soak(device, out);
            return;
        }
        double peak = Benchmark.matmulGflops(2048, 5);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String arch : archs) {
            ModelSpec s = size == null ? Presets.get(arch) : Presets.get(arch).withImageSize(size);
            long convMacs = 0;
            long allMacs = 0;
            for (PlannedOp op : Architecture.plan(s, Shape.of(1, s.inputChannels(), s.imageSize(), s.imageSize())).ops()) {
                long m = op.conv() != null ? op.conv().macs((int) op.inputs().get(0).dim(2), (int) op.inputs().get(0).dim(3))
                        : op.kind() == dev.hourglass.model.OpKind.BATCH_NORM ? op.output().numel() : 0;
                allMacs += m;
                if (op.conv() != null) convMacs += m;
            }
            for (int b : batches) {
                Timings train = Benchmark.trainStep(s, b, warmup, repeats, device);
                Timings infer = Benchmark.inference(s, b, warmup, repeats, device);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("arch", arch);
                r.put("batch", b);
                r.put("imageSize", s.imageSize());
                r.put("trainStepSeconds", train);
                r.put("inferenceSeconds", infer);
                r.put("trainImagesPerSecond", b / train.median());
                r.put("inferenceImagesPerSecond", b / infer.median());
                r.put("macsPerImage", allMacs);
                r.put("trainGflops", 3 * 2.0 * allMacs * b / train.median() / 1e9);
                r.put("inferenceGflops", 2.0 * allMacs * b / infer.median() / 1e9);
                r.put("convShareOfMatmulPeak", 2.0 * convMacs * b / infer.median() / 1e9 / peak);
                rows.add(r);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("libtorch", Torch.version());
        doc.put("threads", Torch.threads());
        doc.put("matmulGflops", peak);
        doc.put("results", rows);
        doc.put("peakRssBytes", ProcessMemory.peakRssBytes());
        if (format == OutputFormat.JSON) {
            out.println(Json.write(doc));
            return;
        }
        Table t = new Table("Model", ">Batch", ">Train step s (min/med/max)", ">Train img/s", ">Train GFLOP/s", ">Infer s (min/med/max)",
                ">Infer img/s", ">Infer GFLOP/s", ">Conv % of matmul");
        for (Map<String, Object> r : rows) {
            Timings tr = (Timings) r.get("trainStepSeconds");
            Timings in = (Timings) r.get("inferenceSeconds");
            t.row(r.get("arch"), r.get("batch"), span(tr), f1(r.get("trainImagesPerSecond")), f1(r.get("trainGflops")), span(in),
                    f1(r.get("inferenceImagesPerSecond")), f1(r.get("inferenceGflops")),
                    Numbers.fixed(100 * (Double) r.get("convShareOfMatmulPeak"), 0) + "%");
        }
        out.print(t.text());
        out.printf(Locale.ROOT, "libtorch %s, %d threads; 2048×2048 matmul: %.1f GFLOP/s; peak RSS %s; MACs/image %s%n",
                Torch.version(), Torch.threads(), peak, Numbers.bytes(ProcessMemory.peakRssBytes()),
                rows.isEmpty() ? "-" : Numbers.count((Long) rows.get(0).get("macsPerImage")));
    }

    private void soak(DeviceChoice device, PrintWriter out) {
        ModelSpec s = Presets.get(archs.get(0));
        if (size != null) s = s.withImageSize(size);
        int every = Math.max(1, soak / 20);
        int b = batches.get(0);
        long t0 = System.nanoTime();
        long[] rss = Benchmark.soak(s, b, soak, every, device, step -> { });
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("arch", archs.get(0));
        doc.put("imageSize", s.imageSize());
        doc.put("batch", b);
        doc.put("steps", soak);
        doc.put("sampleEvery", every);
        doc.put("rssBytes", rss);
        // growth after warm-up: from the sample at 10% of the run to the last one
        long growth = rss[rss.length - 1] - rss[Math.min(2, rss.length - 1)];
        doc.put("growthAfterWarmupBytes", growth);
        doc.put("seconds", (System.nanoTime() - t0) / 1e9);
        if (format == OutputFormat.JSON) {
            out.println(Json.write(doc));
            return;
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < rss.length; i++) line.append(i * every).append(':').append(rss[i] / (1024 * 1024)).append(i < rss.length - 1 ? " " : "");
        out.println("RSS in MiB by step: " + line);
        out.printf(Locale.ROOT, "%s %d×%d batch %d, %d steps in %.0f s: RSS grew %s after warm-up (step %d to %d)%n", archs.get(0),
                s.imageSize(), s.imageSize(), b, soak, (System.nanoTime() - t0) / 1e9, Numbers.bytes(growth),
                Math.min(2, rss.length - 1) * every, soak);
    }

    private static String span(Timings t) {
        return String.format(Locale.ROOT, "%.3f/%.3f/%.3f", t.min(), t.median(), t.max());
    }

    private static String f1(Object v) {
        return String.format(Locale.ROOT, "%.1f", (Double) v);
    }
}
