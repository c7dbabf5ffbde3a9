package dev.hourglass.train;

import dev.hourglass.backend.CollectiveGroup;
import dev.hourglass.backend.MemoryScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorBase;
import org.bytedeco.pytorch.TensorTensorHook;
import org.bytedeco.pytorch.TensorVector;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient averaging that overlaps with backward, as PyTorch's DDP does it: a gradient hook on
 * every parameter (libtorch's {@code register_hook}, called back into Java as backward produces
 * that parameter's gradient) copies the gradient into its bucket (the plan of
 * {@link GradientBuckets}, last parameters first, in the order backward reaches them); the moment
 * a bucket is full its all-reduce starts, while backward goes on with earlier layers. After
 * backward the remaining buckets (those with a parameter that got no gradient, filled with zeros)
 * are started, all are awaited, divided by the world size and copied into the gradients.
 *
 * <p>The hooks only act between {@link #arm} and {@link #finish}, so another backward (the
 * auxiliary loss of an entropy model) passes through them untouched. Native owners: the hooks are
 * JavaCPP function pointers kept here for the run, created outside any memory scope; the bucket
 * buffers are created by {@link #arm} inside the step's scope and die with it.
 */
final class OverlappedBuckets {

    private final CollectiveGroup group;
    private final TensorVector parameters;
    private final List<List<Integer>> plan;
    private final int[] bucketOf;
    private final long[] offsetOf;
    private final long[] bucketElements;
    private final List<Hook> hooks = new ArrayList<>();
    private Tensor[] flats;
    private int[] missing;
    private CollectiveGroup.Pending[] pending;
    private boolean armed;
    private RuntimeException failure;

    OverlappedBuckets(CollectiveGroup group, TensorVector parameters, long capBytes) {
        MemoryScope.requireNone("the gradient hooks");
        this.group = group;
        this.parameters = parameters;
        int n = (int) parameters.size();
        long[] bytes = new long[n];
        for (int i = 0; i < n; i++) bytes[i] = parameters.get(i).numel() * parameters.get(i).element_size();
        plan = GradientBuckets.plan(bytes, capBytes);
        bucketOf = new int[n];
        offsetOf = new long[n];
        bucketElements = new long[plan.size()];
        for (int b = 0; b < plan.size(); b++) {
            for (int i : plan.get(b)) {
                bucketOf[i] = b;
                offsetOf[i] = bucketElements[b];
                bucketElements[b] += parameters.get(i).numel();
            }
        }
        for (int i = 0; i < n; i++) {
            Hook h = new Hook(i);
            hooks.add(h);
            parameters.get(i).register_hook(h);
        }
    }

    /** Before backward (inside the step's scope): empty buckets, hooks on. */
    void arm() {
        flats = new Tensor[plan.size()];
        missing = new int[plan.size()];
        pending = new CollectiveGroup.Pending[plan.size()];
        for (int b = 0; b < plan.size(); b++) {
            flats[b] = parameters.get(plan.get(b).get(0)).new_zeros(bucketElements[b]);
            missing[b] = plan.get(b).size();
        }
        failure = null;
        armed = true;
    }

    /** After backward: start what is left, await everything, write the averages into the gradients. */
    void finish() {
        armed = false;
        if (failure != null) throw failure;
        for (int b = 0; b < plan.size(); b++) if (pending[b] == null) pending[b] = group.allreduceSumAsync(flats[b]);
        for (CollectiveGroup.Pending p : pending) p.await();
        Scalar world = new Scalar((double) group.size());
        for (int b = 0; b < plan.size(); b++) {
            Tensor flat = flats[b].div_(world);
            for (int i : plan.get(b)) {
                Tensor g = parameters.get(i).grad();
                if (g.defined()) g.copy_(flat.narrow(0, offsetOf[i], parameters.get(i).numel()).view_as(g));
            }
        }
    }

    private void ready(int i, TensorBase grad) {
        int b = bucketOf[i];
        flats[b].narrow(0, offsetOf[i], parameters.get(i).numel()).copy_(new Tensor(grad).reshape(-1));
        if (--missing[b] == 0) pending[b] = group.allreduceSumAsync(flats[b]);
    }

    /** Parameter i's gradient hook: passes the gradient on unchanged. */
    private final class Hook extends TensorTensorHook {
        private final int index;

        Hook(int index) {
            this.index = index;
        }

        @Override
        public TensorBase call(TensorBase grad) {
            if (armed && failure == null) {
                try {
                    ready(index, grad);
                } catch (RuntimeException e) { // an exception cannot cross libtorch's backward: report it in finish()
                    failure = e;
                }
            }
            return grad;
        }
    }
}
