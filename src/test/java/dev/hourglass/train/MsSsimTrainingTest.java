package dev.hourglass.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rate–distortion training on MS-SSIM: λ·(1 − MS-SSIM) + bpp, its log, its stored config, and the refusals. */
class MsSsimTrainingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A tiny factorized model on the smallest crops MS-SSIM takes (176 = 11 × 16, the model's coding multiple). */
    private static final ModelSpec TINY = Presets.FACTORIZED.withWidths(List.of(8, 8, 8), 12).withImageSize(176);

    /** Batch 2, no warm-up, a checkpoint every 2 steps, every step logged; λ 0 = the loss's default. */
    private static TrainConfig config(ModelSpec spec, long steps, LossKind loss) {
        return new TrainConfig(spec, null, steps, 0, 2, 3e-3, 0, 0.1, OptimizerKind.ADAM, 0, loss, 1.0, 42, 2, 1, 2, 0.25, 0, 1, null, 0);
    }

    @Test
    void anMsSsimRunLogsFiniteTermsAndResumesOnTheSameLoss(@TempDir Path dir) throws Exception {
        TrainConfig c = config(TINY, 4, LossKind.MS_SSIM);
        assertEquals(TrainConfig.DEFAULT_MS_SSIM_LAMBDA, c.lambda(), "the MS-SSIM scale of λ, not MSE's 0.0067");
        Trainer.run(c, dir.resolve("whole"), false, DeviceChoice.CPU, Progress.SILENT);
        List<JsonNode> steps = trainLines(dir.resolve("whole"));
        assertEquals(4, steps.size());
        for (JsonNode s : steps) {
            for (String f : List.of("loss", "bpp", "mse", "msSsim")) assertTrue(Double.isFinite(s.get(f).asDouble(Double.NaN)), f + " in " + s);
            double msSsim = s.get("msSsim").asDouble();
            assertTrue(msSsim > 0 && msSsim <= 1, s.toString());
            assertTrue(s.get("bpp").asDouble() > 0, s.toString());
        }

        Path cut = dir.resolve("cut");
        assertThrows(IllegalStateException.class, () -> Trainer.run(c, cut, false, DeviceChoice.CPU, new TrainerTest.KillAt(3)));
        TrainConfig stored = Trainer.storedConfig(cut);
        assertEquals(LossKind.MS_SSIM, stored.loss(), "the checkpoint keeps the loss");
        assertEquals(TrainConfig.DEFAULT_MS_SSIM_LAMBDA, stored.lambda());
        Trainer.run(stored, cut, true, DeviceChoice.CPU, Progress.SILENT);
        List<JsonNode> resumed = trainLines(cut);
        assertEquals(steps.size(), resumed.size());
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(steps.get(i).get("loss").asDouble(), resumed.get(i).get("loss").asDouble(), 1e-6, "step " + (i + 1));
            assertEquals(steps.get(i).get("msSsim").asDouble(), resumed.get(i).get("msSsim").asDouble(), 1e-6, "step " + (i + 1));
        }
    }

    @Test
    void anMseRateDistortionRunWritesTheLinesItWroteBefore(@TempDir Path dir) throws Exception {
        TrainConfig c = config(TINY.withImageSize(64), 2, LossKind.MSE);
        assertEquals(TrainConfig.DEFAULT_LAMBDA, c.lambda());
        Trainer.run(c, dir, false, DeviceChoice.CPU, Progress.SILENT);
        for (JsonNode s : trainLines(dir)) {
            assertTrue(s.has("bpp") && s.has("mse"), s.toString());
            assertFalse(s.has("msSsim"), "no new field in an MSE run's lines: " + s);
        }
    }

    @Test
    void cropsBelowMsSsimsMinimumAndLossesWithoutARateTermAreRefused(@TempDir Path dir) {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> config(TINY.withImageSize(128), 1, LossKind.MS_SSIM));
        assertTrue(small.getMessage().contains("at least 176×176") && small.getMessage().contains("is 128"), small.getMessage());
        // a model without an entropy model trains on 1 − MS-SSIM under the same limit
        ModelSpec baseline = Presets.BASELINE.withWidths(List.of(8, 16), 8);
        assertThrows(IllegalArgumentException.class, () -> config(baseline.withImageSize(128), 1, LossKind.MS_SSIM));
        config(baseline.withImageSize(176), 1, LossKind.MS_SSIM).requireSupportedLoss();

        for (LossKind l : List.of(LossKind.L1, LossKind.MSE_SSIM)) {
            TrainConfig c = config(TINY, 1, l);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::requireSupportedLoss);
            assertTrue(e.getMessage().contains("loss " + l.key() + " is not available for a model with an entropy model")
                    && e.getMessage().contains("ms-ssim"), e.getMessage());
            assertEquals(LossKind.MSE, c.distortion(), "a stored run of that kind resumes on the MSE it trained on");
            assertThrows(IllegalArgumentException.class, () -> Trainer.run(c, dir.resolve(l.name()), false, DeviceChoice.CPU, Progress.SILENT));
            assertFalse(Files.exists(dir.resolve(l.name()).resolve("last.ckpt")));
            config(baseline.withImageSize(32), 1, l).requireSupportedLoss();
        }
    }

    private static List<JsonNode> trainLines(Path run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = JSON.readTree(l);
            if (n.get("kind").asText().equals("train")) out.add(n);
        }
        return out;
    }
}
