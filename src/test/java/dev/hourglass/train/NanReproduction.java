package dev.hourglass.train;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Torch;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reproduction of the README's old "mse+ssim NaN" known issue: many 9-step training runs of
 * an 8/16/8-channel model on 32×32 phantoms in one JVM, counting the runs that stop on a
 * non-finite loss or gradient. Not a test (it takes minutes); run it from the test classpath:
 *
 * <pre>
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * nice -n 15 java -cp target/classes:target/test-classes:$(cat cp.txt) dev.hourglass.train.NanReproduction RUNS [THREADS|-] [LOSS] [resume|-] [gc]
 * </pre>
 *
 * Exits 1 when any run stopped. THREADS (default: libtorch's) is set once, before the first run;
 * {@code alternate} switches libtorch between 2 and 1 threads before every run instead. With
 * {@code resume}, each run is killed after step 5 and resumed from its step-3 checkpoint, as
 * TrainerTest's resume test does. With {@code gc}, a thread runs the garbage collector every 2 ms,
 * so that JavaCPP frees every native object as soon as Java no longer refers to it. glibc's
 * checks make native memory errors visible: {@code MALLOC_CHECK_=3} (glibc 2.34 and later need
 * {@code LD_PRELOAD=libc_malloc_debug.so.0}) aborts on heap corruption; {@code MALLOC_PERTURB_=128}
 * fills new heap memory with 0x7f bytes (3.4e38 as a float: reading it uninitialised shows) and
 * {@code MALLOC_PERTURB_=255} freed memory with 0xff (NaN: reading it after its free shows).
 */
public final class NanReproduction {

    static final ModelSpec SMALL = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);

    private NanReproduction() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Torch.load();
        String threads = args.length > 1 ? args[1] : "-";
        boolean alternate = threads.equals("alternate");
        if (!alternate && !threads.equals("-")) Torch.setThreads(Integer.parseInt(threads));
        LossKind loss = args.length > 2 ? LossKind.parse(args[2]) : LossKind.MSE_SSIM;
        boolean resume = args.length > 3 && args[3].equals("resume");
        if (args.length > 4 && args[4].equals("gc")) { // collect garbage all the time: frees every native object Java no longer reaches
            Thread gc = new Thread(() -> {
                while (true) {
                    System.gc();
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "gc-stress");
            gc.setDaemon(true);
            gc.start();
        }
        TrainConfig c = new TrainConfig(SMALL, null, 9, 0, 4, 3e-3, 2, 0.1, OptimizerKind.ADAM, 0, loss, 1.0, 42, 3, 1, 4, 0.25);
        Path root = Files.createTempDirectory("nan-repro");
        int stopped = 0;
        Double firstLoss = null;
        try {
            for (int i = 1; i <= runs; i++) {
                Path dir = root.resolve("run-" + i);
                if (alternate) org.bytedeco.pytorch.global.torch.set_num_threads(i % 2 + 1);
                try {
                    if (resume) {
                        try {
                            Trainer.run(c, dir, false, DeviceChoice.CPU, new KillAt(5));
                        } catch (IllegalStateException killed) {
                            // stopped after step 5, as the resume test does; continue from last.ckpt (step 3)
                        }
                    }
                    RunSummary s = Trainer.run(c, dir, resume, DeviceChoice.CPU, Progress.SILENT);
                    if (firstLoss == null) firstLoss = s.finalLoss();
                    if (s.finalLoss() != firstLoss.doubleValue()) {
                        System.out.println("run " + i + ": last loss " + s.finalLoss() + " differs from run 1's " + firstLoss);
                    }
                } catch (TrainingStopped e) {
                    stopped++;
                    System.out.println("run " + i + ": " + e.getMessage().split("\n")[0]);
                }
                delete(dir);
            }
        } finally {
            delete(root);
        }
        System.out.println("loss " + loss.key() + ", threads " + (alternate ? "alternating 2/1" : Torch.threads()) + ": " + stopped + " of " + runs + " runs stopped on NaN/Inf");
        System.exit(stopped == 0 ? 0 : 1);
    }

    /** Stops a run at a step, like a kill after the last checkpoint. */
    private record KillAt(long step) implements Progress {
        @Override
        public void onStep(StepLog log, long total, double psnr) {
            if (log.step() == step) throw new IllegalStateException("killed");
        }

        @Override
        public void onValidation(ValidationLog log) {
        }

        @Override
        public void message(String text) {
        }
    }

    private static void delete(Path p) throws Exception {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
