package dev.hourglass.train;

import dev.hourglass.backend.CollectiveGroup;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Tensors;
import dev.hourglass.model.Autoencoder;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.ArrayList;
import java.util.List;

/**
 * Data-parallel training over a {@link CollectiveGroup}, as PyTorch's DistributedDataParallel does
 * it: every rank starts from rank 0's weights, trains on its own share of each global batch, and
 * averages gradients before the optimiser step, so all replicas take identical steps. BatchNorm
 * keeps per-rank batch statistics; its running statistics (buffers) are broadcast from rank 0
 * before every step (DDP's broadcast_buffers). Every {@code checkEvery} steps the ranks compare
 * weight fingerprints and stop on a difference.
 *
 * <p>Owns the group, which it closes, and the device its scalar tensors (loss, fingerprint, flags)
 * are made on: the model's, because NCCL reduces only CUDA tensors (Gloo takes CPU ones).
 */
public final class DataParallel implements StepSync, AutoCloseable {

    /** PyTorch DDP's default bucket cap. */
    public static final long DEFAULT_BUCKET_BYTES = 25L << 20;

    private final CollectiveGroup group;
    private final GradientBuckets buckets;
    private final int checkEvery;
    private final SyncBatchNorm syncBatchNorm; // null: per-rank BatchNorm statistics
    private final boolean overlap;
    private final long bucketBytes;
    private OverlappedBuckets overlapped; // with overlap, from attach() on
    private Device scalarDevice; // the model's device, from startFromLeader on (owned here, released in close); CPU before
    private double allreduceSeconds;
    private long averagedSteps;

    public DataParallel(CollectiveGroup group, long bucketBytes, int checkEvery) {
        this(group, bucketBytes, checkEvery, false);
    }

    /** @param syncBatchNorm normalise with the group's batch statistics ({@link SyncBatchNorm}) instead of each rank's */
    public DataParallel(CollectiveGroup group, long bucketBytes, int checkEvery, boolean syncBatchNorm) {
        this(group, bucketBytes, checkEvery, syncBatchNorm, false);
    }

    /** @param overlap average each bucket as soon as backward has produced its gradients ({@link OverlappedBuckets}) */
    public DataParallel(CollectiveGroup group, long bucketBytes, int checkEvery, boolean syncBatchNorm, boolean overlap) {
        if (checkEvery < 1) throw new IllegalArgumentException("the fingerprint interval must be 1 or more but was " + checkEvery);
        this.group = group;
        this.buckets = new GradientBuckets(group, bucketBytes);
        this.checkEvery = checkEvery;
        this.syncBatchNorm = syncBatchNorm ? new SyncBatchNorm(group) : null;
        this.overlap = overlap;
        this.bucketBytes = bucketBytes;
    }

    /** Installs the gradient hooks of overlapping on the model's averaged parameters (outside any memory scope). */
    void attach(TrainableModel t) {
        if (overlap && overlapped == null) overlapped = new OverlappedBuckets(group, t.averagedParameters(), bucketBytes);
    }

    @Override
    public void beforeBackward() {
        if (overlapped != null) overlapped.arm();
    }

    public boolean syncBatchNorm() {
        return syncBatchNorm != null;
    }

    @Override
    public dev.hourglass.model.ForwardObserver forwardHook() {
        return syncBatchNorm != null ? syncBatchNorm : dev.hourglass.model.ForwardObserver.NONE;
    }

    public int rank() {
        return group.rank();
    }

    public int size() {
        return group.size();
    }

    public boolean isLeader() {
        return group.rank() == 0;
    }

    /**
     * Wall seconds spent averaging gradients so far: flattening, the all-reduce (including any wait for
     * a slower rank) and the copies back.
     */
    public double allreduceSeconds() {
        return allreduceSeconds;
    }

    /** Steps whose gradients were averaged so far. */
    public long averagedSteps() {
        return averagedSteps;
    }

    /** Copies rank 0's parameters and buffers to every rank, then checks that all fingerprints agree. */
    void startFromLeader(Autoencoder model) {
        if (scalarDevice == null) {
            org.bytedeco.pytorch.global.torch.DeviceType type;
            byte index;
            try (MemoryScope s = new MemoryScope()) {
                Device d = model.parameters().get(0).device();
                type = d.type();
                index = d.index();
            }
            scalarDevice = new Device(type, index); // outside any scope: owned here until close
        }
        try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
            group.broadcast(tensors(model.parameters(), model.buffers()), 0);
        }
        checkFingerprints(model, 0);
    }

    /** Before step {@code step}: rank 0's buffers everywhere, and on every checkEvery-th step the fingerprint comparison. */
    void beforeStep(Autoencoder model, long step) {
        if (model.buffers().size() > 0) {
            try (MemoryScope s = new MemoryScope(); NoGradGuard g = new NoGradGuard()) {
                group.broadcast(tensors(model.buffers()), 0);
            }
        }
        if (step % checkEvery == 0) checkFingerprints(model, step);
    }

    /** Every rank learns whether any rank's fingerprint differs from rank 0's, and all stop together if one does. */
    void checkFingerprints(Autoencoder model, long step) {
        long fingerprint = WeightFingerprint.of(model);
        try (MemoryScope s = new MemoryScope()) {
            Tensor leader = onDevice(halves(fingerprint));
            group.broadcast(List.of(leader), 0);
            boolean differs = !java.util.Arrays.equals(Tensors.toFloats(leader), halves(fingerprint));
            float[] mine = new float[group.size()];
            if (differs) mine[group.rank()] = 1;
            Tensor flags = onDevice(mine);
            group.allreduceSum(List.of(flags));
            float[] f = Tensors.toFloats(flags);
            List<Integer> bad = new ArrayList<>();
            for (int r = 0; r < f.length; r++) if (f[r] != 0) bad.add(r);
            if (!bad.isEmpty()) {
                throw new ReplicasDivergedException("the weights of rank(s) " + bad + " differ from rank 0's "
                        + (step == 0 ? "after the initial broadcast" : "before step " + step)
                        + ": the replicas diverged; stopping (last.ckpt holds rank 0's last checkpoint)");
            }
        }
    }

    /** A vector of the given values on the model's device (Tensors.toFloats brings results back to the CPU). */
    private Tensor onDevice(float[] values) {
        Tensor t = Tensors.fromFloats(values, values.length);
        return scalarDevice == null || scalarDevice.is_cpu() ? t : t.to(scalarDevice, ScalarType.Float);
    }

    /** A 64-bit value as four floats holding 16 bits each, exact in float32 and safe to broadcast as such. */
    private static float[] halves(long v) {
        return new float[]{(v >>> 48) & 0xffff, (v >>> 32) & 0xffff, (v >>> 16) & 0xffff, v & 0xffff};
    }

    @Override
    public double averageLoss(double local) {
        try (MemoryScope s = new MemoryScope()) {
            Tensor t = onDevice(new float[]{(float) local});
            // a double would keep more digits, but the loss is logged and judged as float32 anyway
            group.allreduceSum(List.of(t));
            return Tensors.toDoubles(t)[0] / group.size();
        }
    }

    @Override
    public void averageGradients(TensorVector parameters) {
        if (syncBatchNorm != null) syncBatchNorm.rethrowHookFailure();
        long t0 = System.nanoTime();
        if (overlapped != null) overlapped.finish(); // the hooks saw exactly these parameters (attach)
        else buckets.average(parameters);
        allreduceSeconds += (System.nanoTime() - t0) / 1e9;
        averagedSteps++;
    }

    private static List<Tensor> tensors(TensorVector... vectors) {
        List<Tensor> out = new ArrayList<>();
        for (TensorVector v : vectors) for (long i = 0; i < v.size(); i++) out.add(v.get(i));
        return out;
    }

    @Override
    public void close() {
        group.close();
        if (scalarDevice != null) scalarDevice.close();
    }
}
