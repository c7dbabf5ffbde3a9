package dev.hourglass.train;

import dev.hourglass.backend.Tensors;
import dev.hourglass.backend.Torch;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SyncBatchNorm's statistics on inputs whose mean is far above their spread (one rank: the all-reduce is the identity). */
class SyncBatchNormTest {

    @Test
    void aLargeMeanWithASmallSpreadNormalisesAsBatchNormDoes() {
        Torch.load();
        manual_seed(7);
        // mean 3000, spread 0.05: E[x²] − E[x]² in float32 loses every digit (the ulp of 9e6 is 1) and can go negative
        try (Tensor x = randn(8, 4, 6, 6).mul(new Scalar(0.05)).add(new Scalar(3000.0)).detach()) {
            x.requires_grad_(true); // as in training: the statistics get a gradient hook
            BatchNorm2dImpl reference = new BatchNorm2dImpl(new BatchNormOptions(4));
            BatchNorm2dImpl synced = new BatchNorm2dImpl(new BatchNormOptions(4));
            reference.train(true);
            synced.train(true);
            float[] expected = Tensors.toFloats(reference.forward(x));
            float[] got = Tensors.toFloats(new SyncBatchNorm(new SilentGroup(0, 1)).batchNorm(synced, x));
            double worst = 0;
            for (int i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]));
            assertTrue(worst < 1e-2, "largest difference from libtorch's BatchNorm " + worst); // outputs are of order 1
            float[] rv = Tensors.toFloats(synced.running_var());
            float[] rvRef = Tensors.toFloats(reference.running_var());
            for (int c = 0; c < 4; c++) assertTrue(Math.abs(rv[c] - rvRef[c]) < 1e-4, "running variance " + rv[c] + " vs " + rvRef[c]);
        }
    }
}
