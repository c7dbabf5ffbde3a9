package dev.hourglass.backend;

import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.GlooDeviceVector;
import org.bytedeco.pytorch.PrefixStore;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.ReduceOp;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;
import org.bytedeco.pytorch.nccl.ProcessGroupNCCL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A c10d process group: libtorch's TCPStore rendezvous (hosted by rank 0 on the master's port) and
 * a Gloo or NCCL backend on it. Only Gloo is tested (CPU, loopback); NCCL is constructed the same
 * way but needs the CUDA build of the natives and a GPU per rank, neither of which this project's
 * machines have.
 *
 * <p>Native owners: this object owns the store, the prefixed store and the backend from
 * construction to {@link #close}; it must be created outside any memory scope. Collectives run on
 * the caller's tensors; their options are freed at launch, and each libtorch Work is owned by this
 * group from launch until it has been waited on (or until {@link #close}, which frees it before the
 * backend).
 */
public final class C10dGroup implements CollectiveGroup {

    /** How long the survivors of a failure wait for each other's reports in the store. */
    private static final long LOST_POLL_MILLIS = 5000;

    private final Rendezvous where;
    private final TCPStore tcpStore;
    private final Store store;
    private final Backend backend;
    private final String name;
    /** Works not yet released: each must be freed before the backend (see {@link #close}). Guarded by itself. */
    private final Set<Work> open = Collections.newSetFromMap(new IdentityHashMap<>());

    private C10dGroup(Rendezvous where, TCPStore tcpStore, Store store, Backend backend, String name) {
        this.where = where;
        this.tcpStore = tcpStore;
        this.store = store;
        this.backend = backend;
        this.name = name;
    }

    /**
     * Joins the group. {@code runKey} prefixes every store key, so that processes of another run
     * that reach the same port (two groups on one port) wait for keys nobody writes and fail at
     * the join timeout instead of joining the wrong run.
     */
    public static C10dGroup join(Rendezvous r, String runKey, boolean nccl) {
        MemoryScope.requireNone("a process group");
        Torch.load();
        TCPStore tcp = connect(r);
        Store prefixed = null;
        try { // on any failure below, close the stores: rank 0 would otherwise keep listening on the port in this JVM
            prefixed = new PrefixStore("hourglass/" + runKey + "/", tcp);
            claimRank(prefixed, r);
            Backend b = nccl ? ncclBackend(prefixed, r) : glooBackend(prefixed, r);
            return new C10dGroup(r, tcp, prefixed, b, nccl ? "nccl" : "gloo");
        } catch (BackendException e) {
            closeQuietly(prefixed, tcp);
            throw e;
        } catch (RuntimeException e) { // a store error (timeout, closed connection) or the backend's
            closeQuietly(prefixed, tcp);
            throw new BackendException("rank " + r.rank() + " could not join the group at " + r.masterAddr() + ":" + r.masterPort()
                    + " within " + r.joinTimeout().toSeconds() + " s: " + nativeMessage(e)
                    + " (are all " + r.worldSize() + " ranks started with the same options? another run on this port?)", e);
        }
    }

    private static void closeQuietly(Store prefixed, TCPStore tcp) {
        try {
            if (prefixed != null) prefixed.close();
        } finally {
            tcp.close();
        }
    }

    private static TCPStore connect(Rendezvous r) {
        TCPStoreOptions o = new TCPStoreOptions();
        o.port((short) r.masterPort());
        o.isServer(r.rank() == 0);
        o.numWorkers(new SizeTPointer(1).put(0, r.worldSize()));
        o.waitWorkers(true);
        o.timeout(new Milliseconds(r.joinTimeout().toMillis()));
        try {
            return new TCPStore(r.masterAddr(), o);
        } catch (RuntimeException e) {
            String first = nativeMessage(e);
            String why = r.rank() == 0
                    ? (first.toLowerCase(Locale.ROOT).contains("address already in use")
                    ? "port " + r.masterPort() + " is already in use (another group or program on it; choose another MASTER_PORT)"
                    : "not all " + r.worldSize() + " ranks connected within " + r.joinTimeout().toSeconds() + " s")
                    : "no rendezvous at " + r.masterAddr() + ":" + r.masterPort() + " within " + r.joinTimeout().toSeconds()
                    + " s (is rank 0 running, and are MASTER_ADDR and MASTER_PORT right?)";
            throw new BackendException("rank " + r.rank() + " could not join the group: " + why + " [" + first + "]", e);
        }
    }

    /** Two processes started with the same RANK would corrupt the run: the second one to arrive refuses. */
    private static void claimRank(Store s, Rendezvous r) {
        if (s.add("rank/" + r.rank(), 1) > 1) {
            throw new BackendException("rank " + r.rank() + " is already taken in the group at " + r.masterAddr() + ":" + r.masterPort()
                    + ": every process needs its own RANK in 0.." + (r.worldSize() - 1));
        }
    }

    private static Backend glooBackend(Store s, Rendezvous r) {
        ProcessGroupGloo.Options o = ProcessGroupGloo.Options.create(new Milliseconds(r.collectiveTimeout().toMillis()));
        GlooDeviceVector devices = new GlooDeviceVector(1);
        String iface = System.getenv("GLOO_SOCKET_IFNAME");
        boolean loopback = r.masterAddr().startsWith("127.") || r.masterAddr().equals("localhost");
        devices.put(0, iface != null && !iface.isBlank() ? ProcessGroupGloo.createDeviceForInterface(iface)
                : loopback ? ProcessGroupGloo.createDeviceForHostname("127.0.0.1") : ProcessGroupGloo.createDefaultDevice());
        o.devices(devices);
        o.threads(2);
        return new ProcessGroupGloo(s, r.rank(), r.worldSize(), o);
    }

    /** Untested here (no CUDA): the natives of pytorch-platform (CPU) may not even link it. */
    private static Backend ncclBackend(Store s, Rendezvous r) {
        if (!Torch.cudaAvailable()) {
            throw new BackendException("NCCL needs CUDA, which libtorch does not see on this machine; use Gloo (--device cpu)");
        }
        try {
            return new ProcessGroupNCCL(s, r.rank(), r.worldSize());
        } catch (LinkageError e) {
            throw new BackendException("NCCL is not in these libtorch natives (the CUDA build, pytorch-platform-gpu, has it): " + e.getMessage(), e);
        }
    }

    @Override
    public int rank() {
        return where.rank();
    }

    @Override
    public int size() {
        return where.worldSize();
    }

    @Override
    public String backendName() {
        return name;
    }

    @Override
    public void allreduceSum(List<Tensor> tensors) {
        List<Work> launched = new ArrayList<>(tensors.size());
        try {
            for (Tensor t : tensors) launched.add(launchAllreduce(t));
            for (Work w : launched) finish(w, "an all-reduce");
        } finally {
            for (Work w : launched) release(w); // those a failed wait left behind
        }
    }

    @Override
    public Pending allreduceSumAsync(Tensor tensor) {
        Work w = launchAllreduce(tensor);
        return () -> finish(w, "an all-reduce");
    }

    @Override
    public void broadcast(List<Tensor> tensors, int root) {
        for (Tensor t : tensors) {
            Work w;
            try (BroadcastOptions o = new BroadcastOptions(); TensorVector v = new TensorVector(t)) {
                o.rootRank(root);
                w = track(backend.broadcast(v, o));
            } catch (RuntimeException e) {
                throw lost("a broadcast", e);
            }
            finish(w, "a broadcast");
        }
    }

    /** The options and the vector are copied into the Work by Gloo, so they are freed at once. */
    private Work launchAllreduce(Tensor t) {
        try (AllreduceOptions o = new AllreduceOptions(); ReduceOp sum = new ReduceOp(ReduceOp.RedOpType.SUM);
             TensorVector v = new TensorVector(t)) {
            o.reduceOp(sum);
            return track(backend.allreduce(v, o));
        } catch (RuntimeException e) {
            throw lost("an all-reduce", e);
        }
    }

    private Work track(Work w) {
        synchronized (open) {
            open.add(w);
        }
        return w;
    }

    /** Waits for {@code w}, then drops this group's reference to it, whether the wait succeeded or not. */
    private void finish(Work w, String during) {
        try {
            w._wait();
        } catch (RuntimeException e) {
            throw lost(during, e);
        } finally {
            release(w);
        }
    }

    private void release(Work w) {
        synchronized (open) {
            if (open.remove(w)) w.close();
        }
    }

    /** Collectives launched and not yet released; package-private for the teardown test. */
    int openCollectives() {
        synchronized (open) {
            return open.size();
        }
    }

    /**
     * Names the lost rank(s): every survivor writes its rank into the store and waits a few
     * seconds for the others'; whoever is missing is lost. When the store itself is gone, rank 0
     * (which hosts it) is the one lost.
     */
    private LostRankException lost(String during, RuntimeException e) {
        String first = nativeMessage(e);
        boolean timeout = first.toLowerCase(Locale.ROOT).contains("timed out") || first.toLowerCase(Locale.ROOT).contains("timeout");
        String how = timeout ? "it did not answer within " + where.collectiveTimeout().toSeconds() + " s" : "its connection closed";
        return new LostRankException(LostRanks.find(store, where.rank(), where.worldSize(), LOST_POLL_MILLIS)
                + " of the " + where.worldSize() + "-rank group was lost during " + during + " (" + how + "); rank " + where.rank()
                + " stops too [" + first + "]", e);
    }

    /** libtorch's first line without the C++ source location of the build machine. */
    static String nativeMessage(Throwable e) {
        return BackendException.firstLine(e).replaceAll("\\[[^\\]]*\\.(cc|cpp|h|hpp):\\d+\\]\\s*", "");
    }

    /** How long a closing rank waits for the others to close too (a lost rank never arrives). */
    private static final long CLOSE_WAIT_MILLIS = 3000;

    /**
     * Leaves together, releases every collective still held, then frees the backend and the stores.
     * The order matters: a Work whose last reference dies after its ProcessGroupGloo corrupts the
     * native heap (glibc aborted test JVMs with "corrupted double-linked list", exit 134). Before, the
     * Java wrappers of finished Works were left to the garbage collector, which could free them at
     * any later time; now each is released as soon as it has been waited on, and the rest here.
     */
    @Override
    public void close() {
        leaveTogether();
        synchronized (open) {
            for (Work w : open) w.close();
            open.clear();
        }
        backend.close();
        store.close();
        tcpStore.close();
    }

    /** Every rank says it is leaving and waits, bounded, until all have; store errors mean a peer is gone. */
    private void leaveTogether() {
        try {
            store.setTimeout(new Milliseconds(CLOSE_WAIT_MILLIS));
            store.add("closing", 1);
            long deadline = System.currentTimeMillis() + CLOSE_WAIT_MILLIS;
            while (store.add("closing", 0) < where.worldSize() && System.currentTimeMillis() < deadline) Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException peerGone) { // the store's host is gone: nothing to wait for
        }
    }
}
