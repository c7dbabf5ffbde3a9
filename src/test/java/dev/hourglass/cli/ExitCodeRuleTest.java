package dev.hourglass.cli;

import dev.hourglass.model.Presets;
import dev.hourglass.spec.SpecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exit-code rule of the README, table-driven: 2 for anything wrong on the command line (an
 * option value alone or in combination), 3 for a bad input file, 5 for a bad .hg file, 74 for an
 * output that cannot be written, 4 for the machine, 70 only for bugs.
 */
class ExitCodeRuleTest {

    static Stream<Object[]> badOptionValues() {
        return Stream.of(
                row(2),                                                         // no arguments: help, usage error
                row(2, "--stacktrace"),
                row(2, "summary", "--arch", "foo"),
                row(2, "summary", "--input", "abc"),
                row(2, "summary", "--input", "1x1x4294967296x16"),
                row(2, "summary", "--depth", "-1"),
                row(2, "summary", "--device", "gpu"),
                row(2, "summary", "--threads", "0"),
                row(2, "summary", "--format", "yaml"),
                row(2, "report", "--seed", "abc"),
                row(2, "report", "--format", "csv"),
                row(2, "verify", "--format", "csv"),
                row(2, "trace", "--format", "csv"),
                row(2, "layers", "--format", "csv", "--arch", "foo"),
                row(2, "device", "--threads", "0"),
                row(2, "device", "--threads", "100000"),
                row(2, "train", "--steps", "-1", "--out", "/tmp/hg/never"),
                row(2, "train", "--batch", "0", "--out", "/tmp/hg/never"),
                row(2, "train", "--lr", "-1", "--out", "/tmp/hg/never"),
                row(2, "train", "--loss", "ms-ssim", "--crop", "128", "--out", "/tmp/hg/never"),
                row(2, "train", "--arch", "factorized", "--loss", "l1", "--out", "/tmp/hg/never"),
                row(2, "compress", "--checkpoint", "/tmp/hg/none.ckpt", "--quality", "0", "a.png", "b.hg"),
                row(2, "compress", "--checkpoint", "/tmp/hg/none.ckpt", "--step", "-1", "a.png", "b.hg"),
                row(2, "bench", "--soak", "-5"),
                row(2, "bench", "--batch", "0"),
                row(2, "bench", "--size", "0"),
                row(2, "calc", "conv", "--in", "-1", "--out", "128", "-k", "3"),
                row(2, "calc", "conv", "--in", "6", "--out", "8", "-k", "3", "--groups", "4"),
                row(2, "calc", "conv", "--in", "4096", "--out", "4096", "-k", "9", "--padding", "4", "--input", "100000x100000"),
                row(2, "calc", "conv", "--in", "1", "--out", "1", "-k", "9", "--input", "4x4"),
                row(2, "calc", "shapes", "--input", "8x1x256", "--layer", "conv:1:2:k3"),
                row(2, "calc", "rf", "--format", "csv"),
                row(2, "skips", "--images", "0"),
                row(2, "gradcheck", "--threshold", "-1"),
                row(3, "summary", "--spec", "/tmp/hg/missing.json"),
                row(3, "summary", "--checkpoint", "/tmp/hg/missing.ckpt"),
                row(3, "metrics", "/tmp/hg/missing-a.png", "/tmp/hg/missing-b.png"));
    }

    private static Object[] row(int code, String... args) {
        return new Object[]{code, args};
    }

    @ParameterizedTest(name = "{index}: exit {0}")
    @MethodSource("badOptionValues")
    void everyBadValueHasItsCode(int expected, String[] args) {
        CliRun r = CliRun.of(args);
        assertEquals(expected, r.code(), String.join(" ", args) + "\nout: " + r.out() + "\nerr: " + r.err());
        assertFalse(r.err().contains("this is a bug"), r.err());
        if (expected != 0) assertTrue(r.err().startsWith("error: ") || args.length == 0 || args[0].equals("--stacktrace"), r.err());
    }

    @Test
    void seventyLayersOfCalcRfAreAUsageErrorNotABug() {
        List<String> args = new ArrayList<>(List.of("calc", "rf"));
        for (int i = 0; i < 70; i++) {
            args.add("--layer");
            args.add("conv:1:1:k3:s2:p1");
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("too large"), r.err());
    }

    @Test
    void noArgumentsPrintsHelpAndExitsTwo() {
        CliRun r = CliRun.of();
        assertEquals(2, r.code());
        assertTrue((r.out() + r.err()).contains("report"), "help lists the verbs");
    }

    @Test
    void stacktraceWorksAfterTheVerb() {
        CliRun before = CliRun.of("--stacktrace", "summary", "--spec", "/tmp/hg/missing.json");
        CliRun after = CliRun.of("summary", "--spec", "/tmp/hg/missing.json", "--stacktrace");
        assertEquals(3, after.code());
        assertTrue(before.err().contains("\tat "), before.err());
        assertTrue(after.err().contains("\tat "), after.err());
        CliRun without = CliRun.of("summary", "--spec", "/tmp/hg/missing.json");
        assertFalse(without.err().contains("\tat "), without.err());
    }

    /** A verb that throws what it is given, added to the real command line for the test. */
    @picocli.CommandLine.Command(name = "boom")
    static final class Boom implements Runnable {
        private final Throwable t;

        Boom(Throwable t) {
            this.t = t;
        }

        @Override
        public void run() {
            if (t instanceof Error e) throw e;
            throw (RuntimeException) t;
        }
    }

    private static CliRun boom(Throwable t, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Main.commandLine(new PrintWriter(out), new PrintWriter(err));
        cl.addSubcommand("boom", new Boom(t));
        String[] args = Stream.concat(Stream.of("boom"), Stream.of(more)).toArray(String[]::new);
        int code = Main.execute(cl, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void javaErrorsAreCaughtAtTheTop() {
        CliRun oom = boom(new OutOfMemoryError("Java heap space"));
        assertEquals(4, oom.code(), oom.err());
        assertTrue(oom.err().startsWith("error: out of memory"), oom.err());
        CliRun link = boom(new UnsatisfiedLinkError("no jnitorch in java.library.path"));
        assertEquals(4, link.code(), link.err());
        assertTrue(link.err().contains("native"), link.err());
        CliRun bug = boom(new NullPointerException("x"));
        assertEquals(70, bug.code(), bug.err());
        assertTrue(bug.err().contains("this is a bug"), bug.err());
        assertEquals(70, boom(new IllegalStateException("invariant")).code());
        assertEquals(70, boom(new StackOverflowError()).code());
        CliRun traced = boom(new OutOfMemoryError("Java heap space"), "--stacktrace");
        assertTrue(traced.err().contains("\tat "), traced.err());
    }

    @Test
    void aDamagedCheckpointIsBadInputAndAnOldOneAWarning(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.ckpt");
        dev.hourglass.train.Checkpoint.save(dev.hourglass.runtime.ModelRunner.build(Presets.BASELINE.withImageSize(32),
                dev.hourglass.backend.DeviceChoice.CPU, 1).model(), "{}", f);
        byte[] bytes = Files.readAllBytes(f);
        java.util.Random random = new java.util.Random(6);
        for (int i = 0; i < 200; i++) bytes[bytes.length / 4 + random.nextInt(bytes.length / 2)] ^= 0x55;
        Files.write(f, bytes);
        Path img = dir.resolve("in.png");
        dev.hourglass.data.ImageFiles.writePng8(dev.hourglass.data.Phantoms.generate(1, 32, 1).get(0), img);
        CliRun r = CliRun.of("reconstruct", "--checkpoint", f.toString(), img.toString(), dir.resolve("out.png").toString());
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("checksum mismatch"), r.err());
        assertFalse(Files.exists(dir.resolve("out.png")));

        CliRun old = CliRun.of("summary", "--checkpoint", Path.of("src", "test", "resources", "fixtures", "v1", "model.ckpt").toString());
        assertEquals(0, old.code(), old.err());
        assertTrue(old.err().startsWith("warning: ") && old.err().contains("carries no checksum"), old.err());
    }

    @Test
    void libtorchOutOfMemoryAndDeviceErrorsAreBackendErrorsOfOneLine() {
        CliRun oom = boom(new RuntimeException("[enforce fail at alloc_cpu.cpp:116] data. DefaultCPUAllocator: can't allocate memory:"
                + " you tried to allocate 68719476736 bytes. Error code 12 (Cannot allocate memory)\nException raised from ..."));
        assertEquals(4, oom.code(), oom.err());
        assertEquals(1, oom.err().strip().lines().count(), "one line: " + oom.err());
        assertTrue(oom.err().contains("can't allocate memory"), oom.err());
        CliRun cuda = boom(new RuntimeException("CUDA out of memory. Tried to allocate 2.00 GiB\nframe #0 ..."));
        assertEquals(4, cuda.code(), cuda.err());
        assertEquals(1, cuda.err().strip().lines().count(), "one line: " + cuda.err());
        CliRun device = boom(new RuntimeException("CUDA error: device-side assert triggered\nframe #0"));
        assertEquals(4, device.code(), device.err());
        CliRun other = boom(new RuntimeException("shape '[2, 3]' is invalid for input of size 7\nframe #0"));
        assertEquals(70, other.code(), other.err());
    }

    @Test
    void aWriteErrorOnStandardOutputIsAnIoError() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(full), new PrintWriter(err), "spec", "--arch", "baseline");
        assertEquals(ExitCodes.IO, code);
        assertTrue(err.toString().contains("standard output"), err.toString());
    }

    @Test
    void anOutputThatCannotBeWrittenIsAnIoErrorNamingTheProblem(@TempDir Path dir) throws Exception {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "x");
        Path ckpt = dir.resolve("m.ckpt");
        var small = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);
        dev.hourglass.train.Checkpoint.save(dev.hourglass.runtime.ModelRunner.build(small, dev.hourglass.backend.DeviceChoice.CPU, 1).model(), "{}", ckpt);
        Path img = dir.resolve("img.png");
        dev.hourglass.data.ImageFiles.writePng8(dev.hourglass.data.Phantoms.generate(1, 32, 3).get(0), img);
        CliRun r = CliRun.of("compress", "--checkpoint", ckpt.toString(), img.toString(), notAFolder.resolve("x.hg").toString());
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertTrue(r.err().contains("not a folder"), r.err());
        CliRun proc = CliRun.of("compress", "--checkpoint", ckpt.toString(), img.toString(), "/proc/x.hg");
        assertEquals(ExitCodes.IO, proc.code(), proc.err());
        assertTrue(proc.err().length() > ("error: cannot write /proc/x.hg").length() + 5, "names the problem: " + proc.err());
    }

    @Test
    void evalRefusesAnExistingFileAsItsOutputFolderBeforeWorking(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        Files.writeString(file, "x");
        CliRun r = CliRun.of("eval", "--checkpoint", dir.resolve("none.ckpt").toString(), "--data", dir.toString(), "--out", file.toString());
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertTrue(r.err().contains("not a folder"), r.err());
    }

    @Test
    void endlessOrHugeInputsAreReadWithACap(@TempDir Path dir) throws Exception {
        CliRun spec = CliRun.of("spec", "--spec", "/dev/zero");
        assertEquals(3, spec.code(), spec.err());
        assertTrue(spec.err().contains("larger than"), spec.err());
        Path ckpt = dir.resolve("m.ckpt");
        var small = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);
        dev.hourglass.train.Checkpoint.save(dev.hourglass.runtime.ModelRunner.build(small, dev.hourglass.backend.DeviceChoice.CPU, 1).model(), "{}", ckpt);
        CliRun hg = CliRun.of("decompress", "--checkpoint", ckpt.toString(), "/dev/zero", dir.resolve("x.png").toString());
        assertEquals(5, hg.code(), hg.err());
        assertTrue(hg.err().contains("larger than"), hg.err());
        Path sparse = dir.resolve("big.hg"); // 3 GB claimed, nothing on disk
        try (var f = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        CliRun big = CliRun.of("decompress", "--checkpoint", ckpt.toString(), sparse.toString(), dir.resolve("y.png").toString());
        assertEquals(5, big.code(), big.err());
    }

    @Test
    void specFilesRefuseCoercedScalarsAndDuplicateKeys(@TempDir Path dir) throws Exception {
        String good = SpecFiles.toJson(Presets.BASELINE);
        assertTrue(good.contains("\"kernel\" : 4"), good);
        Path coerced = dir.resolve("coerced.json");
        Files.writeString(coerced, good.replace("\"kernel\" : 4", "\"kernel\" : \"4\""));
        CliRun c = CliRun.of("spec", "--spec", coerced.toString());
        assertEquals(3, c.code(), c.out() + c.err());
        Path dup = dir.resolve("dup.json");
        Files.writeString(dup, good.replace("\"kernel\" : 4", "\"kernel\" : 4, \"kernel\" : 4"));
        CliRun d = CliRun.of("spec", "--spec", dup.toString());
        assertEquals(3, d.code(), d.out() + d.err());
        assertTrue(d.err().toLowerCase().contains("duplicate"), d.err());
    }

    @Test
    void reconstructShowsAMissingSsimAsMetricsDoes(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("m.ckpt");
        var small = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);
        dev.hourglass.train.Checkpoint.save(dev.hourglass.runtime.ModelRunner.build(small, dev.hourglass.backend.DeviceChoice.CPU, 1).model(), "{}", ckpt);
        Path img = dir.resolve("tiny.png");
        dev.hourglass.data.ImageFiles.writePng8(dev.hourglass.data.Crops.cropTopLeft(dev.hourglass.data.Phantoms.generate(1, 32, 3).get(0), 8, 8), img);
        Path out = dir.resolve("out.png");
        CliRun r = CliRun.of("reconstruct", "--checkpoint", ckpt.toString(), img.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        CliRun m = CliRun.of("metrics", img.toString(), out.toString());
        assertTrue(m.out().contains("SSIM    - (image smaller than 11×11)"), m.out());
        assertFalse(r.out().contains("NaN"), r.out());
        assertTrue(r.out().contains("SSIM - (image smaller than 11×11)"), r.out());
    }

    @Test
    void anUnreadableImageSaysPermissionDenied() {
        assertEquals("permission denied (/x/y.png)", Outputs.describe(new java.nio.file.AccessDeniedException("/x/y.png")));
        assertEquals("no space left on the device", Outputs.describe(new java.io.IOException("No space left on device")));
    }
}
