package dev.hourglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.data.Crops;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.Phantoms;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.spec.SpecFiles;
import dev.hourglass.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `import` and `export` in-process: PyTorch's own files, the round trip, and one line with exit 3 for every bad file. */
class InteropCliTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "interop");
    private static final String TINY = FIXTURES.resolve("tiny.json").toString();

    @Test
    void importedWeightsComputeWhatPyTorchComputed(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("tiny.ckpt");
        CliRun r = CliRun.of("import", "--pytorch", FIXTURES.resolve("tiny-sequential.pt").toString(), "--spec", TINY, "-o", ckpt.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sequential names") && r.out().contains("32 tensors"), r.out());
        JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve("tiny-expected.json").toFile());
        float[] x = new float[32 * 32]; // the script's probe input
        for (int y = 0; y < 32; y++) for (int i = 0; i < 32; i++) x[y * 32 + i] = (float) (0.5 + 0.4 * Math.sin(0.3 * i) * Math.cos(0.2 * y));
        float[] out = ModelRunner.of(Checkpoint.load(ckpt).model(), DeviceChoice.CPU).reconstruct(x, 1, 32, 32);
        double maxDiff = 0;
        for (int i = 0; i < out.length; i++) maxDiff = Math.max(maxDiff, Math.abs(out[i] - expected.get("output").get(i).asDouble()));
        assertTrue(maxDiff <= 1e-5, "PyTorch " + expected.get("torch").asText() + " and hourglass differ by " + maxDiff);
        // the same weights under hourglass names in safetensors give the same model, fingerprint and all
        CliRun st = CliRun.of("import", "--pytorch", FIXTURES.resolve("tiny-hourglass.safetensors").toString(), "--spec", TINY,
                "-o", dir.resolve("st.ckpt").toString());
        assertEquals(0, st.code(), st.err());
        assertEquals(fingerprint(r.out()), fingerprint(st.out()));
    }

    private static String fingerprint(String out) {
        return out.substring(out.indexOf("fingerprint ") + 12).strip();
    }

    @Test
    void everyBadFileIsOneLineAndExit3(@TempDir Path dir) {
        String[][] cases = {
                {"truncated.pt", "truncated"},
                {"forbidden-class.pt", "os.system"},
                {"nan-weights.pt", "NaN or infinite values in 1 tensor(s): encoder.0.weight"},
                {"wrong-names.pt", "missing encoder.0.weight float [4, 1, 4, 4]; missing encoder.0.bias float [4]; unexpected enc.0.bias"},
                {"wrong-shapes.pt", "encoder.3.weight: expected shape [8, 4, 4, 4] but found [6, 4, 4, 4]"},
                {"legacy.pt", "legacy torch.save file"},
                {"torchscript.pt", "TorchScript archive"},
                {"no-such-file.pt", "no such file"},
                {"tiny.json", "header length"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve(c[0] + ".ckpt");
            CliRun r = CliRun.of("import", "--pytorch", FIXTURES.resolve(c[0]).toString(), "--spec", TINY, "-o", out.toString());
            assertEquals(3, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), c[0] + ": one line, no stack trace: " + r.err());
            assertFalse(Files.exists(out), c[0] + ": no checkpoint written");
        }
        // the right file against the wrong model: every tensor of the residual preset is missing, so the list is capped
        CliRun wrongModel = CliRun.of("import", "--pytorch", FIXTURES.resolve("tiny-sequential.pt").toString(), "--arch", "residual",
                "-o", dir.resolve("r.ckpt").toString());
        assertEquals(3, wrongModel.code());
        assertTrue(wrongModel.err().contains("and ") && wrongModel.err().contains(" more"), wrongModel.err());
        assertEquals(2, CliRun.of("import", "--pytorch", FIXTURES.resolve("tiny-sequential.pt").toString(), "-o", "x.ckpt").code(),
                "no model given: usage error");
        assertEquals(3, CliRun.of("import", "--pytorch", FIXTURES.resolve("tiny-sequential.pt").toString(), "--arch", "skips",
                "--names", "sequential", "-o", dir.resolve("s.ckpt").toString()).code(), "skips have no sequential form");
    }

    @Test
    void exportThenImportGivesTheSameModel(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("tiny.ckpt");
        assertEquals(0, CliRun.of("import", "--pytorch", FIXTURES.resolve("tiny-sequential.pt").toString(), "--spec", TINY,
                "-o", ckpt.toString()).code());
        Path out = dir.resolve("export");
        CliRun e = CliRun.of("export", "--checkpoint", ckpt.toString(), "--format", "safetensors", "-o", out.toString());
        assertEquals(0, e.code(), e.err());
        String py = Files.readString(out.resolve("model.py"));
        assertTrue(py.contains("\"stageChannels\" : [ 4, 8 ]") && py.contains("def load_safetensors"), "model.py embeds the spec");
        CliRun back = CliRun.of("import", "--pytorch", out.resolve("weights.safetensors").toString(), "--spec", TINY,
                "-o", dir.resolve("back.ckpt").toString());
        assertEquals(0, back.code(), back.err());
        assertTrue(back.out().contains("hourglass names"), back.out());
        assertArrayEquals(ModelRunner.of(Checkpoint.load(ckpt).model(), DeviceChoice.CPU).fingerprint(),
                ModelRunner.of(Checkpoint.load(dir.resolve("back.ckpt")).model(), DeviceChoice.CPU).fingerprint());
    }

    /** A learned codec through safetensors and back: its density and frozen tables travel, so compress writes the same bytes. */
    @Test
    void aShippedCodecModelSurvivesTheRoundTripByteForByte(@TempDir Path dir) throws Exception {
        Path shipped = Path.of("models", "factorized-1.ckpt");
        Path spec = dir.resolve("factorized.json");
        SpecFiles.write(Checkpoint.load(shipped).spec(), spec);
        assertEquals(0, CliRun.of("export", "--checkpoint", shipped.toString(), "-o", dir.resolve("x").toString()).code());
        Path back = dir.resolve("back.ckpt");
        CliRun i = CliRun.of("import", "--pytorch", dir.resolve("x").resolve("weights.safetensors").toString(), "--spec", spec.toString(),
                "-o", back.toString());
        assertEquals(0, i.code(), i.err());
        Path img = dir.resolve("p.png");
        ImageFiles.writePng(Crops.cropTopLeft(Phantoms.generate(1, 128, 5).get(0), 100, 72), 8, img);
        Path a = dir.resolve("a.hg");
        Path b = dir.resolve("b.hg");
        assertEquals(0, CliRun.of("compress", "--checkpoint", shipped.toString(), img.toString(), a.toString()).code());
        CliRun cb = CliRun.of("compress", "--checkpoint", back.toString(), img.toString(), b.toString());
        assertEquals(0, cb.code(), cb.err());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    /** model.py has no hyperprior: exporting one is refused before anything is written (it wrote a model.py that could not load the weights). */
    @Test
    void aHyperpriorModelIsRefusedWithoutWritingAnything(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("ms.ckpt");
        dev.hourglass.train.Checkpoint.save(ModelRunner.build(dev.hourglass.model.Presets.get("mean-scale")
                .withWidths(java.util.List.of(8, 8, 8), 12).withImageSize(64), DeviceChoice.CPU, 1).model(), "{}", ckpt);
        Path out = dir.resolve("x");
        CliRun e = CliRun.of("export", "--checkpoint", ckpt.toString(), "-o", out.toString());
        assertEquals(3, e.code(), e.err());
        assertTrue(e.err().contains("does not describe a hyperprior"), e.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
