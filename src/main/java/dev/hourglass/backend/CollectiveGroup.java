package dev.hourglass.backend;

import org.bytedeco.pytorch.Tensor;

import java.util.List;

/**
 * A c10d process group as training needs it: in-place sums and broadcasts of tensors across the
 * ranks. Gloo (CPU tensors) and NCCL (CUDA tensors) sit behind it ({@link C10dGroup}). A collective
 * that fails because a peer vanished throws {@link LostRankException} naming it.
 */
public interface CollectiveGroup extends AutoCloseable {

    int rank();

    int size();

    /** "gloo" or "nccl". */
    String backendName();

    /** Sums every tensor across the ranks in place. All are launched before the first is waited on. */
    void allreduceSum(List<Tensor> tensors);

    /** Starts summing {@code tensor} across the ranks in place; {@link Pending#await} waits for it. */
    Pending allreduceSumAsync(Tensor tensor);

    /** A collective under way. */
    interface Pending {
        /** Waits until it is done; throws {@link LostRankException} when a peer vanished. */
        void await();
    }

    /** Replaces every tensor by rank {@code root}'s. */
    void broadcast(List<Tensor> tensors, int root);

    @Override
    void close();
}
