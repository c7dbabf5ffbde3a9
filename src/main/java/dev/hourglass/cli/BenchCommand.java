package dev.hourglass.cli;

import dev.hourglass.bench.BenchResults;
import dev.hourglass.model.Presets;
import dev.hourglass.bench.Benchmark;
import dev.hourglass.bench.OpProfile;
import dev.hourglass.bench.SoakResults;
import dev.hourglass.bench.Timings;
import dev.hourglass.inspect.Numbers;
import dev.hourglass.inspect.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Training-step and inference speed per preset and batch size, against the machine's matmul peak.",
                "For each preset and batch: min/median/max seconds of a training step (forward, MSE, backward, Adam) and of an"
                        + " eval-mode forward as inference runs it (BatchNorm folded, InferenceMode), after warm-up; the model's MACs per image (convmath) turned into"
                        + " achieved GFLOP/s (training counted as 3× the forward FLOPs); the GFLOP/s of a 2048×2048 matrix"
                        + " product (the practical peak) and the convolutions' share of it in inference; peak RSS.",
                "With --soak N: resident memory sampled over N training steps instead (e.g. --soak 2000 --size 64 --batch 4)."})
final class BenchCommand extends Verb {

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
    @Option(names = "--unfolded", description = "Time inference as it ran before BatchNorm folding (the model itself, NoGradGuard), for comparison.")
    boolean unfolded;
    @Option(names = "--profile", description = "Time each operation of the forward pass instead (eval without autograd, and training mode), to set against PyTorch's (bench/torch_ops.py).")
    boolean profile;
    @Mixin
    DeviceOptions deviceOptions;
    @Mixin
    FormatOptions.TextOrJson formatOption;

    @Override
    public void run() {
        Usage.formats(spec, formatOption.format, OutputFormat.TEXT, OutputFormat.JSON);
        for (String a : archs) Usage.check(spec, () -> size == null ? Presets.get(a) : Presets.get(a).withImageSize(size));
        var device = deviceOptions.apply();
        PrintWriter out = out();
        boolean json = formatOption.format == OutputFormat.JSON;
        if (soak != null) {
            SoakResults r = Benchmark.soak(archs.get(0), size, batches.get(0), soak, device);
            out.print(json ? Json.write(r) + "\n" : soakText(r));
            return;
        }
        if (profile) {
            List<OpProfile.Result> all = new java.util.ArrayList<>();
            for (String a : archs) for (int b : batches) all.addAll(OpProfile.run(a, b, size, warmup, repeats, device));
            out.print(json ? Json.write(all) + "\n" : profileText(all));
            return;
        }
        BenchResults r = Benchmark.run(archs, batches, size, warmup, repeats, device, unfolded);
        out.print(json ? Json.write(r) + "\n" : text(r));
    }

    static String text(BenchResults r) {
        Table t = new Table("Model", ">Batch", ">Train step s (min/med/max)", ">Train img/s", ">Train GFLOP/s", ">Infer s (min/med/max)",
                ">Infer img/s", ">Infer GFLOP/s", ">Conv % of matmul");
        for (BenchResults.Row row : r.results()) {
            t.row(row.arch(), row.batch(), span(row.trainStepSeconds()), f1(row.trainImagesPerSecond()), f1(row.trainGflops()),
                    span(row.inferenceSeconds()), f1(row.inferenceImagesPerSecond()), f1(row.inferenceGflops()),
                    Numbers.fixed(100 * row.convShareOfMatmulPeak(), 0) + "%");
        }
        return t.text() + String.format(Locale.ROOT, "libtorch %s, %d threads; 2048×2048 matmul: %.1f GFLOP/s; peak RSS %s; MACs/image %s%n",
                r.libtorch(), r.threads(), r.matmulGflops(), Numbers.bytes(r.peakRssBytes()),
                r.results().isEmpty() ? "-" : Numbers.count(r.results().get(0).macsPerImage()));
    }

    static String profileText(List<OpProfile.Result> results) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < results.size(); i += 2) { // eval and train-forward of one preset and batch, side by side
            OpProfile.Result ev = results.get(i);
            OpProfile.Result tr = results.get(i + 1);
            Table t = new Table("Operation", "Kind", ">Eval ms (median)", ">Train-mode forward ms (median)");
            for (int k = 0; k < ev.ops().size(); k++) {
                t.row(ev.ops().get(k).path(), ev.ops().get(k).kind(), ms(ev.ops().get(k).seconds().median()),
                        k < tr.ops().size() ? ms(tr.ops().get(k).seconds().median()) : "-");
            }
            t.row("total", "", ms(ev.totalMedianSeconds()), ms(tr.totalMedianSeconds()));
            sb.append(ev.arch()).append(", batch ").append(ev.batch()).append('\n').append(t.text());
        }
        return sb.toString();
    }

    private static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds * 1000);
    }

    static String soakText(SoakResults r) {
        long[] rss = r.rssBytes();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < rss.length; i++) line.append(i * r.sampleEvery()).append(':').append(rss[i] / (1024 * 1024)).append(i < rss.length - 1 ? " " : "");
        return "RSS in MiB by step: " + line + "\n" + String.format(Locale.ROOT,
                "%s %d×%d batch %d, %d steps in %.0f s: RSS grew %s after warm-up (step %d to %d)%n", r.arch(), r.imageSize(),
                r.imageSize(), r.batch(), r.steps(), r.seconds(), Numbers.bytes(r.growthAfterWarmupBytes()),
                r.warmupSample() * r.sampleEvery(), r.steps());
    }

    private static String span(Timings t) {
        return String.format(Locale.ROOT, "%.3f/%.3f/%.3f", t.min(), t.median(), t.max());
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
