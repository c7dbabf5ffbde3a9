package dev.hourglass.train;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.model.EntropyModelKind;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.LatentCode;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ModelWeights;
import dev.hourglass.runtime.WeightTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A narrow model's tensors placed into a wider model: old channels kept, new inputs into them zero, and the same reconstructions. */
class WideningTest {

    private static WeightTensor t(String name, long[] shape, float... v) {
        return new WeightTensor(name, shape, v, null);
    }

    private static float[] nines(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 9f);
        return a;
    }

    @Test
    void aConvolutionKeepsItsChannelsAndItsNewInputsIntoThemAreZero() {
        // [out, in, 1, 1]: out 0 reads (1, 2), out 1 reads (3, 4); the wider one has a third input and output
        WeightTensor theirs = t("w", new long[]{2, 2, 1, 1}, 1, 2, 3, 4);
        WeightTensor mine = t("w", new long[]{3, 3, 1, 1}, nines(9));
        WeightTensor wide = Widening.widen(mine, theirs, new Widening.Layout(0, 1, 1)).orElseThrow();
        assertArrayEquals(new float[]{1, 2, 0, 3, 4, 0, 9, 9, 9}, wide.floats());
    }

    @Test
    void aTransposedConvolutionHasItsOutputsInTheSecondDimension() {
        // [in, out, 1, 1]
        WeightTensor theirs = t("w", new long[]{2, 2, 1, 1}, 1, 2, 3, 4);
        WeightTensor wide = Widening.widen(t("w", new long[]{3, 3, 1, 1}, nines(9)), theirs, new Widening.Layout(1, 0, 1)).orElseThrow();
        assertArrayEquals(new float[]{1, 2, 9, 3, 4, 9, 0, 0, 9}, wide.floats());
    }

    @Test
    void outputsInTwoBlocksWidenEachBlock() {
        // σ0 σ1 μ0 μ1 into three σ and three μ
        WeightTensor wide = Widening.widen(t("b", new long[]{6}, nines(6)), t("b", new long[]{4}, 1, 2, 3, 4), new Widening.Layout(0, -1, 2))
                .orElseThrow();
        assertArrayEquals(new float[]{1, 2, 9, 3, 4, 9}, wide.floats());
    }

    @Test
    void tensorsThatDoNotFitAreRefused() {
        Widening.Layout conv = new Widening.Layout(0, 1, 1);
        assertTrue(Widening.widen(t("w", new long[]{3, 3, 1, 1}, nines(9)), t("w", new long[]{2, 2, 1, 1}, nines(4)), conv).isPresent());
        assertTrue(Widening.widen(t("w", new long[]{2, 2, 1, 1}, nines(4)), t("w", new long[]{3, 3, 1, 1}, nines(9)), conv).isEmpty(), "narrower");
        assertTrue(Widening.widen(t("w", new long[]{3, 3, 1, 1}, nines(9)), t("w", new long[]{2, 2, 1}, nines(4)), conv).isEmpty(), "rank");
        assertTrue(Widening.widen(t("w", new long[]{3, 3, 2, 2}, nines(36)), t("w", new long[]{2, 2, 1, 1}, nines(4)), conv).isEmpty(), "kernel");
        assertTrue(Widening.widen(t("w", new long[]{3}, nines(3)), new WeightTensor("w", new long[]{2}, null, new long[2]),
                new Widening.Layout(0, -1, 1)).isEmpty(), "integer");
        assertTrue(Widening.widen(t("b", new long[]{5}, nines(5)), t("b", new long[]{4}, nines(4)), new Widening.Layout(0, -1, 2)).isEmpty(),
                "blocks must divide");
    }

    @Test
    void aWiderMeanScaleModelStartsWithTheNarrowOnesReconstructionsAndLatent(@TempDir Path dir) throws Exception {
        ModelSpec narrow = Presets.FACTORIZED.withWidths(List.of(8, 8, 8), 12).withImageSize(64).withEntropyModel(EntropyModelKind.MEAN_SCALE);
        ModelSpec wide = narrow.withWidths(List.of(16, 12, 16), 24);
        assertSameStart(narrow, wide, dir, 12, List.of("hyperprior.h_s.2.weight", "hyperprior.h_a.0.weight", "encoder.stages.1.gdn.gamma",
                "decoder.stages.0.igdn.beta", "entropy_bottleneck.matrix0", "decoder.stages.0.conv.weight"));
    }

    @Test
    void aWiderCourseModelWithBatchNormStartsWithTheNarrowOnesReconstructions(@TempDir Path dir) throws Exception {
        ModelSpec narrow = Presets.BASELINE.withWidths(List.of(8, 8, 8), 8).withImageSize(64);
        assertSameStart(narrow, narrow.withWidths(List.of(8, 16, 16), 16), dir, 8,
                List.of("encoder.stages.1.conv.weight", "encoder.stages.1.bn.running_var"));
    }

    @Test
    void aWiderCourseModelWithResidualBlocksStartsWithTheNarrowOnesReconstructions(@TempDir Path dir) throws Exception {
        ModelSpec narrow = Presets.BASELINE.withWidths(List.of(8, 8), 8).withImageSize(64).withResidualBlocks(1);
        assertSameStart(narrow, narrow.withWidths(List.of(12, 16), 12), dir, 8, List.of("encoder.stages.1.conv.weight"));
    }

    @Test
    void theScaleOnlyHyperpriorKeepsItsNewScaleRowsSeededSoTheyCanLearnThroughItsRelu(@TempDir Path dir) throws Exception {
        ModelSpec narrow = Presets.FACTORIZED.withWidths(List.of(8, 8, 8), 12).withImageSize(64).withEntropyModel(EntropyModelKind.HYPERPRIOR);
        TrainableModel.WarmStart w = assertSameStart(narrow, narrow.withWidths(List.of(16, 16, 16), 24), dir, 12,
                List.of("hyperprior.h_s.2.weight", "hyperprior.h_a.2.weight"));
        float[] rows = byName(ModelWeights.read(w.model().runner().model())).get("hyperprior.h_s.2.weight").floats();
        int nonzero = 0;
        for (int i = 12 * 16 * 9; i < rows.length; i++) nonzero += rows[i] != 0f ? 1 : 0; // [24, 16, 3, 3], rows 12.. new
        assertTrue(nonzero > rows.length / 4, nonzero + " seeded weights in the new σ rows: zeros would get no gradient through ReLU(0)");
    }

    @Test
    void anotherNetworkIsNotWidened() {
        ModelSpec narrow = Presets.FACTORIZED.withWidths(List.of(8, 8, 8), 12);
        assertTrue(TrainableModel.widerVersionOf(narrow, narrow.withWidths(List.of(16, 16, 16), 12).withImageSize(128)));
        assertFalse(TrainableModel.widerVersionOf(narrow, narrow.withWidths(List.of(16, 16, 16), 8)), "a narrower latent");
        assertFalse(TrainableModel.widerVersionOf(narrow, narrow.withWidths(List.of(16, 16), 12)), "fewer stages");
        assertFalse(TrainableModel.widerVersionOf(narrow, narrow.withWidths(List.of(16, 16, 16), 24).withEntropyModel(EntropyModelKind.MEAN_SCALE)),
                "another entropy model");
        ModelSpec unet = Presets.BASELINE.withWidths(List.of(8, 8), 8).withSkips(dev.hourglass.model.SkipMode.CONCAT);
        assertFalse(TrainableModel.widerVersionOf(unet, unet.withWidths(List.of(16, 16), 16)),
                "concatenated skips: the skip channels would land where the wider decoder's own are");
        ModelSpec residual = Presets.BASELINE.withWidths(List.of(8, 8), 8).withResidualBlocks(1);
        assertTrue(TrainableModel.widerVersionOf(residual, residual.withWidths(List.of(16, 16), 16)));
    }

    @Test
    void theMeanScaleBlocksLandInPlaceAndTheNewGdnWeightsIntoOldChannelsLearn(@TempDir Path dir) throws Exception {
        ModelSpec narrow = Presets.FACTORIZED.withWidths(List.of(8, 8, 8), 12).withImageSize(64).withEntropyModel(EntropyModelKind.MEAN_SCALE);
        TrainableModel.WarmStart w = assertSameStart(narrow, narrow.withWidths(List.of(16, 16, 16), 24), dir, 12, List.of());
        Map<String, WeightTensor> theirs = byName(ModelWeights.read(Checkpoint.load(dir.resolve("narrow.ckpt")).model()));
        Map<String, WeightTensor> mine = byName(ModelWeights.read(w.model().runner().model()));

        // h_s.2 is [2M, N, 3, 3]: σ of old channel c stays at row c, its μ moves from row 12 + c to row 24 + c
        float[] a = theirs.get("hyperprior.h_s.2.weight").floats();
        float[] b = mine.get("hyperprior.h_s.2.weight").floats();
        int rowA = 8 * 9;   // narrow N 8, 3×3
        int rowB = 16 * 9;  // wide N 16
        for (int c = 0; c < 12; c++) {
            for (int in = 0; in < 8; in++) {
                for (int k = 0; k < 9; k++) {
                    assertEquals(a[c * rowA + in * 9 + k], b[c * rowB + in * 9 + k], "σ row " + c);
                    assertEquals(a[(12 + c) * rowA + in * 9 + k], b[(24 + c) * rowB + in * 9 + k], "μ row " + c);
                }
            }
        }

        float[] bias = mine.get("hyperprior.h_s.2.bias").floats();
        int seeded = 0;
        for (int c = 12; c < 24; c++) { // new σ and μ rows stay seeded, so σ is free to grow with the new latents
            for (int j = 0; j < rowB; j++) seeded += (b[c * rowB + j] != 0f ? 1 : 0) + (b[(24 + c) * rowB + j] != 0f ? 1 : 0);
            seeded += (bias[c] != 0f ? 1 : 0) + (bias[24 + c] != 0f ? 1 : 0);
        }
        assertTrue(seeded > 12 * rowB, seeded + " seeded values in the new σ and μ rows");
        // the new channels of z start at 0 (16 of them, 8 new)
        float[] image = new float[64 * 64];
        Random ri = new Random(5);
        for (int i = 0; i < image.length; i++) image[i] = ri.nextFloat();
        LatentCode y = w.model().runner().encode(image, 64, 64);
        float[] z = w.model().runner().hyperAnalyse(y.latent(), 24, (int) y.latentShape()[1], (int) y.latentShape()[2]);
        int zPlane = z.length / 16;
        boolean oldMove = false;
        for (int i = 0; i < z.length; i++) {
            if (i >= 8 * zPlane) assertEquals(0f, z[i], "new z channel value " + i);
            else oldMove |= z[i] != 0f;
        }
        assertTrue(oldMove, "the old z channels carry values");

        // the new channels cost little at the start
        float[] batch0 = new float[2 * 64 * 64];
        Random r0 = new Random(12);
        for (int i = 0; i < batch0.length; i++) batch0[i] = r0.nextFloat();
        double narrowBpp = TrainableModel.fromWeights(dir.resolve("narrow.ckpt"), OptimizerKind.ADAM, 1e-4, 0, DeviceChoice.CPU)
                .estimateBpp(batch0, 2, 64, 64);
        double wideBpp = w.model().estimateBpp(batch0, 2, 64, 64);
        assertTrue(wideBpp >= narrowBpp && wideBpp < narrowBpp + 0.05, "narrow " + narrowBpp + " bpp, widened " + wideBpp);

        // γ from a new channel into an old one starts at 0 and still gets gradient: one step moves it
        float[] gammaBefore = mine.get("decoder.stages.1.igdn.gamma").floats();
        float[] batch = new float[4 * 64 * 64];
        Random r = new Random(11);
        for (int i = 0; i < batch.length; i++) batch[i] = r.nextFloat();
        assertTrue(w.model().stepRateDistortion(batch, 4, 64, 64, 1e-3, 0.01, 0, 1).finite());
        Map<String, WeightTensor> after = byName(ModelWeights.read(w.model().runner().model()));
        float[] gammaAfter = after.get("decoder.stages.1.igdn.gamma").floats();
        // the new latent channels' filters start at 0 and leave it: [24, 16, 5, 5], rows 12.. are new
        float[] latentFilters = after.get("encoder.stages.3.conv.weight").floats();
        int leftZero = 0;
        for (int i = 12 * 16 * 25; i < latentFilters.length; i++) leftZero += latentFilters[i] != 0f ? 1 : 0;
        assertTrue(leftZero > latentFilters.length / 4, leftZero + " weights of the new latent channels moved off 0 in one step");
        int moved = 0;
        for (int out = 0; out < 8; out++) {
            for (int in = 8; in < 16; in++) moved += gammaAfter[out * 16 + in] != gammaBefore[out * 16 + in] ? 1 : 0;
        }
        assertTrue(moved > 32, moved + " of 64 new-into-old γ entries moved in one step");
    }

    /** Every float of a fresh model scaled and shifted at random, as training would leave it (variances stay positive). */
    private static void randomise(ModelRunner runner, long seed) {
        Random r = new Random(seed);
        List<WeightTensor> out = new java.util.ArrayList<>();
        for (WeightTensor t : ModelWeights.read(runner.model())) {
            if (t.integer()) {
                out.add(t);
                continue;
            }
            float[] v = t.floats().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] * (0.5 + r.nextDouble()) + 0.05 * (r.nextDouble() - 0.5));
                if (t.name().endsWith("running_var")) v[i] = Math.abs(v[i]) + 0.1f;
            }
            out.add(new WeightTensor(t.name(), t.shape(), v, null));
        }
        ModelWeights.write(runner.model(), out);
    }

    private static Map<String, WeightTensor> byName(List<WeightTensor> list) {
        return list.stream().collect(Collectors.toMap(WeightTensor::name, Function.identity()));
    }

    private static TrainableModel.WarmStart assertSameStart(ModelSpec narrow, ModelSpec wide, Path dir, int latent, List<String> mustWiden)
            throws Exception {
        Path ckpt = dir.resolve("narrow.ckpt");
        ModelRunner source = ModelRunner.build(narrow, DeviceChoice.CPU, 7);
        randomise(source, 3); // BatchNorm statistics, asymmetric GDN γ, per-channel priors: all distinct, so a misplaced channel shows
        Checkpoint.save(source.model(), "{}", ckpt);
        TrainableModel.WarmStart w = TrainableModel.warmStart(wide, ckpt, OptimizerKind.ADAM, 1e-4, 0, DeviceChoice.CPU, 8);
        for (String name : mustWiden) assertTrue(w.widened().contains(name), name + " in " + w.widened());
        ModelRunner grown = w.model().runner();

        float[] image = new float[64 * 64];
        Random r = new Random(5);
        for (int i = 0; i < image.length; i++) image[i] = r.nextFloat();
        float[] before = source.reconstruct(image, 1, 64, 64);
        float[] after = grown.reconstruct(image, 1, 64, 64);
        assertEquals(before.length, after.length);
        double worst = 0;
        double spread = 0;
        for (int i = 0; i < before.length; i++) {
            worst = Math.max(worst, Math.abs(before[i] - after[i]));
            spread = Math.max(spread, Math.abs(before[i] - before[0]));
        }
        assertTrue(worst < 1e-5, "largest reconstruction difference " + worst);
        assertTrue(spread > 1e-3, "the reconstruction is not constant: " + spread);

        LatentCode a = source.encode(image, 64, 64);
        LatentCode b = grown.encode(image, 64, 64);
        assertEquals(latent, a.latentShape()[0]);
        int plane = (int) (a.latentShape()[1] * a.latentShape()[2]);
        for (int i = 0; i < latent * plane; i++) assertEquals(a.latent()[i], b.latent()[i], 1e-5, "latent value " + i);
        if (wide.residualBlocks() == 0) { // residual blocks after the latent convolution add their own seeded channels
            for (int i = latent * plane; i < b.latent().length; i++) assertEquals(0f, b.latent()[i], "new latent channels start at 0: " + i);
        }
        return w;
    }
}
