package dev.hourglass.runtime;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.EncoderOutput;
import dev.hourglass.model.ForwardObserver;
import dev.hourglass.model.Presets;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.bytedeco.pytorch.global.torch.rand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inference with BatchNorm folded into the convolutions gives the unfolded eval-mode output. The
 * BatchNorm statistics and affine parameters are first set to values far from a fresh model's
 * (mean 0, variance 1, γ 1, β 0, where folding would change almost nothing).
 *
 * <p>Tolerance 1e-5 (the issue's): both paths compute in float32; the folded weights W·s are
 * computed in float64 and rounded once, so the paths differ only by float32 rounding, ~1e-7
 * relative per operation, accumulated over the network's 8–12 layers on outputs in [0, 1].
 * Measured (2026-11-28, with the limit set to 0 to print them): 1.8e-7 (baseline), 3.0e-7 (residual,
 * skips), 2.4e-7 for the latent: 30–50 times below the limit.
 */
class BatchNormFoldingTest {

    static final int N = 2;
    static final int SIZE = 64;

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "residual", "skips"})
    void foldedInferenceEqualsTheUnfoldedEvalOutput(String preset) {
        ModelRunner r = ModelRunner.build(Presets.get(preset).withImageSize(SIZE), DeviceChoice.CPU, 7);
        randomiseBatchNorm(r, 11);
        float[] x = input(5, N);

        float[] unfolded = unfoldedForward(r, x);
        float[] folded = r.reconstruct(x, N, SIZE, SIZE);
        assertNotSame(r.model(), r.inferenceModel(), "a model with BatchNorm runs a folded copy");
        assertEquals(0, countBatchNormBuffers(r.inferenceModel().named_buffers()), "the folded copy has no BatchNorm left");
        double diff = maxAbsDiff(unfolded, folded);
        assertTrue(diff <= 1e-5, preset + ": folded differs from unfolded by " + diff);

        // the copy follows the model: statistics changed by a training-mode forward pass are folded anew
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            r.model().train(true);
            r.model().forward(rand(N, 1, SIZE, SIZE).mul(new Scalar(3)));
            r.model().eval();
        }
        float[] unfoldedAfter = unfoldedForward(r, x);
        assertTrue(maxAbsDiff(unfolded, unfoldedAfter) > 1e-3, "the training-mode pass must have moved the statistics");
        double after = maxAbsDiff(unfoldedAfter, r.reconstruct(x, N, SIZE, SIZE));
        assertTrue(after <= 1e-5, preset + ": after the statistics moved, folded differs by " + after);
    }

    /** The runner owns its folded copy: one that the weights made stale is freed when it is replaced, not left to the GC. */
    @Test
    void aReplacedFoldedCopyIsReleasedAtOnce() {
        ModelRunner r = ModelRunner.build(Presets.get("baseline").withImageSize(SIZE), DeviceChoice.CPU, 7);
        Autoencoder first = r.inferenceModel();
        Tensor weight = new Tensor(first.named_parameters().get(0).value()); // our own handle: outlives the copy's dict
        long numel = weight.numel();
        assertTrue(numel > 0);
        assertSame(first, r.inferenceModel(), "unchanged weights: the same copy");

        randomiseBatchNorm(r, 5); // the weights change, so the next inference folds anew
        Autoencoder second = r.inferenceModel();
        assertNotSame(first, second);
        assertTrue(first.isNull(), "the replaced copy's module is closed");
        assertEquals(0, weight.numel(), "its parameters' storage is freed (had " + numel + " elements)");
        first = null;
        System.gc(); // the closed copy's remaining wrappers may now be collected: that must not crash or touch the new copy
        assertEquals(N * SIZE * SIZE, r.reconstruct(input(1, N), N, SIZE, SIZE).length, "the new copy runs");
        weight.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "skips"})
    void encodeAndDecodeUseTheFoldedModelAndAgreeWithTheUnfoldedOne(String preset) {
        ModelRunner r = ModelRunner.build(Presets.get(preset).withImageSize(SIZE), DeviceChoice.CPU, 3);
        randomiseBatchNorm(r, 4);
        float[] image = input(9, 1);
        float[] latent;
        float[] decoded;
        try (EvalMode e = EvalMode.enter(r.model()); MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            EncoderOutput out = r.model().encoder().forward(r.input(image, 1, SIZE, SIZE), ForwardObserver.NONE);
            latent = Tensors.toFloats(out.latent());
            decoded = Tensors.toFloats(r.model().decoder().forward(out.latent(), out.skips(), ForwardObserver.NONE));
        }
        LatentCode code = r.encode(image, SIZE, SIZE);
        assertTrue(maxAbsDiff(latent, code.latent()) <= 1e-5, "latent differs by " + maxAbsDiff(latent, code.latent()));
        assertTrue(maxAbsDiff(decoded, r.decode(code)) <= 1e-5, "decoded differs by " + maxAbsDiff(decoded, r.decode(code)));
    }

    /** γ in [0.5, 1.5], β and μ in ±0.5, σ² in [0.2, 2]: each channel's map far from the identity. */
    private static void randomiseBatchNorm(ModelRunner r, long seed) {
        Random random = new Random(seed);
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            StringTensorDict all = r.model().named_parameters();
            set(all, random, ".bn", ".weight", 0.5, 1.0);
            set(all, random, ".bn", ".bias", -0.5, 1.0);
            StringTensorDict buffers = r.model().named_buffers();
            set(buffers, random, ".bn", ".running_mean", -0.5, 1.0);
            set(buffers, random, ".bn", ".running_var", 0.2, 1.8);
        }
    }

    private static void set(StringTensorDict dict, Random random, String module, String suffix, double low, double width) {
        for (long i = 0; i < dict.size(); i++) {
            String name = dict.get(i).key().getString();
            if (!name.contains(module) || !name.endsWith(suffix)) continue;
            Tensor t = dict.get(i).value();
            float[] v = new float[(int) t.numel()];
            for (int k = 0; k < v.length; k++) v[k] = (float) (low + width * random.nextDouble());
            t.copy_(Tensors.fromFloats(v, v.length));
        }
    }

    /** The model's own eval-mode output, NCHW, not folded (also InferenceCopyTest's reference). */
    static float[] unfoldedForward(ModelRunner r, float[] x) {
        try (EvalMode e = EvalMode.enter(r.model()); MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            return Tensors.toFloats(r.model().forward(r.input(x, N, SIZE, SIZE)));
        }
    }

    /** {@code n} random images of SIZE×SIZE (also InferenceCopyTest's). */
    static float[] input(long seed, int n) {
        Random random = new Random(seed);
        float[] x = new float[n * SIZE * SIZE];
        for (int i = 0; i < x.length; i++) x[i] = random.nextFloat();
        return x;
    }

    private static long countBatchNormBuffers(StringTensorDict buffers) {
        long n = 0;
        for (long i = 0; i < buffers.size(); i++) if (buffers.get(i).key().getString().endsWith("running_mean")) n++;
        return n;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
