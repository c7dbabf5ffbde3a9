package dev.hourglass.train;

import dev.hourglass.backend.CollectiveGroup;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.zeros_like;

/**
 * Gradient averaging in buckets, as PyTorch's DDP does it: the gradients are flattened, in reverse
 * registration order (the order backward produces them), into a few contiguous buffers of at most
 * {@code capBytes}; one all-reduce per bucket, all launched before the first is awaited; then each
 * buffer is divided by the world size and copied back. Fewer, larger messages cost less latency
 * than one per tensor. Here the buckets start only after backward has finished;
 * {@link OverlappedBuckets} starts each during backward.
 *
 * <p>Runs inside the step's memory scope: the buffers are temporaries.
 */
final class GradientBuckets {

    private final CollectiveGroup group;
    private final long capBytes;

    GradientBuckets(CollectiveGroup group, long capBytes) {
        if (capBytes < 1) throw new IllegalArgumentException("the bucket size must be positive but was " + capBytes);
        this.group = group;
        this.capBytes = capBytes;
    }

    /** Parameter indices per bucket, last parameter first; a tensor larger than the cap gets a bucket of its own. */
    static List<List<Integer>> plan(long[] bytes, long capBytes) {
        List<List<Integer>> buckets = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long size = 0;
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (!current.isEmpty() && size + bytes[i] > capBytes) {
                buckets.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(i);
            size += bytes[i];
        }
        if (!current.isEmpty()) buckets.add(current);
        return buckets;
    }

    void average(TensorVector parameters) {
        int n = (int) parameters.size();
        long[] bytes = new long[n];
        Tensor[] grads = new Tensor[n];
        for (int i = 0; i < n; i++) {
            Tensor p = parameters.get(i);
            Tensor g = p.grad();
            // a parameter without a gradient on this rank still takes part, with zeros, so every rank sends the same layout
            grads[i] = g.defined() ? g : zeros_like(p);
            bytes[i] = p.numel() * p.element_size();
        }
        List<List<Integer>> plan = plan(bytes, capBytes);
        List<Tensor> flats = new ArrayList<>(plan.size());
        for (List<Integer> bucket : plan) {
            TensorVector parts = new TensorVector();
            for (int i : bucket) parts.push_back(grads[i].reshape(-1));
            flats.add(cat(parts));
        }
        group.allreduceSum(flats);
        Scalar world = new Scalar((double) group.size());
        for (int b = 0; b < plan.size(); b++) {
            Tensor flat = flats.get(b).div_(world);
            long offset = 0;
            for (int i : plan.get(b)) {
                long count = grads[i].numel();
                Tensor g = parameters.get(i).grad();
                if (g.defined()) g.copy_(flat.narrow(0, offset, count).view_as(g));
                offset += count;
            }
        }
    }
}
