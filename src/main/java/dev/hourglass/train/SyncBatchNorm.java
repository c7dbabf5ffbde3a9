package dev.hourglass.train;

import dev.hourglass.backend.CollectiveGroup;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.model.ForwardObserver;
import dev.hourglass.model.OpRecord;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorBase;
import org.bytedeco.pytorch.TensorTensorHook;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.List;

import static org.bytedeco.pytorch.global.torch.cat;

/**
 * BatchNorm with the batch statistics of the whole group (PyTorch's SyncBatchNorm), as a forward
 * hook of the model. In training mode each BatchNorm layer sums its input and squared input per
 * channel (in float64, so that the variance E[x²] − E[x]² does not cancel when the mean is large), the ranks add these sums by all-reduce, and every rank normalises with the group's
 * mean and (biased) variance and updates the running statistics with them, exactly as one process
 * holding the whole global batch would.
 *
 * <p>Gradients: the statistics enter the graph as {@code local/n + (global − local/n).detach()},
 * which has the global value and this rank's share of the derivative. A gradient hook on that
 * tensor replaces the gradient arriving at it during backward by its sum over the ranks (one
 * all-reduce per BatchNorm layer, in the same order on every rank because the graphs are the
 * same), so that each rank back-propagates into its own inputs the effect of the statistics on
 * every rank's loss. Averaging the parameter gradients afterwards then gives the gradient of the
 * global batch's loss.
 *
 * <p>Native owner: the hook (a JavaCPP function pointer) lives as long as this object, which the
 * {@link DataParallel} holds for the run; it is created outside any memory scope.
 */
final class SyncBatchNorm implements ForwardObserver {

    private final CollectiveGroup group;
    private final SumOverRanks hook;

    SyncBatchNorm(CollectiveGroup group) {
        MemoryScope.requireNone("the synchronised BatchNorm's gradient hook");
        this.group = group;
        this.hook = new SumOverRanks(group);
    }

    @Override
    public void onOp(OpRecord record) {
    }

    /**
     * Throws what a gradient hook met (a lost rank): an exception cannot cross libtorch's backward,
     * so the hook records it, passes the gradient on unchanged, and the step asks here afterwards.
     */
    void rethrowHookFailure() {
        RuntimeException e = hook.failure;
        if (e != null) {
            hook.failure = null;
            throw e;
        }
    }

    @Override
    public Tensor batchNorm(BatchNorm2dImpl bn, Tensor x) {
        if (!bn.is_training()) return bn.forward(x);
        long c = x.size(1);
        // the sums in float64: E[x²] − E[x]² of float32 sums cancels when |mean| ≫ spread and can go below −eps (NaN)
        Tensor xd = x.to(ScalarType.Double);
        Tensor sums = cat(new TensorVector(xd.sum_to_size(1, c, 1, 1).view(c), xd.mul(xd).sum_to_size(1, c, 1, 1).view(c))); // [2C]
        Tensor globalSums = sums.detach().clone();
        group.allreduceSum(List.of(globalSums)); // [Σ sum, Σ sum of squares] over the ranks
        double n = (double) (x.numel() / c) * group.size(); // every rank holds an equal share of the global batch
        Tensor stats = sums.add(globalSums.sub(sums).detach()).div(new Scalar(n)); // value: global E[x], E[x²]
        stats.register_hook(hook);
        Tensor meanD = stats.narrow(0, 0, c);
        Tensor varD = stats.narrow(0, c, c).sub(meanD.mul(meanD)).clamp_min(new Scalar(0.0)); // biased, as BatchNorm normalises
        Tensor mean = meanD.to(x.scalar_type());
        Tensor var = varD.to(x.scalar_type());
        double eps = bn.options().eps().get();
        Tensor y = x.sub(mean.view(1, c, 1, 1)).mul(var.add(new Scalar(eps)).rsqrt().view(1, c, 1, 1));
        if (bn.options().affine().get()) y = y.mul(bn.weight().view(1, c, 1, 1)).add(bn.bias().view(1, c, 1, 1));
        updateRunningStatistics(bn, mean.detach(), var.detach(), n);
        return y;
    }

    /** As BatchNorm does: an exponential average with the unbiased variance, and one more batch tracked. */
    private static void updateRunningStatistics(BatchNorm2dImpl bn, Tensor mean, Tensor var, double n) {
        if (!bn.options().track_running_stats().get()) return;
        try (NoGradGuard g = new NoGradGuard()) {
            double m = bn.options().momentum().has_value() ? bn.options().momentum().get() : 0.1;
            bn.running_mean().mul_(new Scalar(1 - m)).add_(mean.mul(new Scalar(m)));
            bn.running_var().mul_(new Scalar(1 - m)).add_(var.mul(new Scalar(m * n / Math.max(1, n - 1))));
            bn.num_batches_tracked().add_(new Scalar(1L));
        }
    }

    /** Replaces a gradient by its sum over the ranks (called by libtorch during backward, on the calling thread). */
    private static final class SumOverRanks extends TensorTensorHook {
        private final CollectiveGroup group;
        private RuntimeException failure;

        SumOverRanks(CollectiveGroup group) {
            this.group = group;
        }

        @Override
        public TensorBase call(TensorBase grad) {
            Tensor sum = new Tensor(grad).contiguous().clone();
            if (failure != null) return sum; // the group is already broken: finish backward, report after it
            try {
                group.allreduceSum(List.of(sum));
            } catch (RuntimeException e) {
                failure = e;
            }
            return sum;
        }
    }
}
