package dev.hourglass.backend;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads libtorch once and answers questions about it: version, threads, oneDNN. Loading takes
 * about 1.5 s with a warm native cache; everything else here is instant after that.
 */
public final class Torch {

    private static volatile boolean loaded;

    private Torch() {
    }

    /** Loads the native library and quiets libtorch's repeated warnings (see notes §10). */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        Loader.load(torch.class);
        // TORCH_CPP_LOG_LEVEL is read by initLogging(); the launcher sets it to ERROR.
        torch.initLogging();
        loaded = true;
    }

    /** libtorch version, read from its build configuration (e.g. "2.10.0"). */
    public static String version() {
        load();
        Matcher m = Pattern.compile("TORCH_VERSION=([0-9][^,\\s]*)").matcher(config());
        return m.find() ? m.group(1) : "unknown";
    }

    /** libtorch's own description of how it was built (compiler, BLAS, oneDNN, ...). */
    public static String config() {
        load();
        try (BytePointer p = torch.show_config()) {
            return p.getString();
        }
    }

    public static String parallelInfo() {
        load();
        try (BytePointer p = torch.get_parallel_info()) {
            return p.getString();
        }
    }

    /** Whether libtorch was built with oneDNN (mkldnn), which it then uses for CPU convolutions. */
    public static boolean hasOneDnn() {
        load();
        return torch.hasMKLDNN();
    }

    /** libtorch's intra-op thread count for the calling thread (under OpenMP each thread has its own). */
    public static int threads() {
        load();
        return torch.get_num_threads();
    }

    /**
     * Sets libtorch's intra-op threads, and OpenBLAS's, which libtorch calls for matrix products
     * and some convolution gradients but does not bind to its own count: with OpenBLAS left at one
     * thread per core, two `--threads 1` trainings side by side ran four busy threads on two cores
     * and each made a tenth of its speed alone. Takes effect at once. The count is process-wide and
     * changes what later work computes in the last bits (reductions split differently), so the CLI
     * sets it once, before any work, and tests that change it run in a JVM of their own.
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be 1 or more but was " + n);
        }
        load();
        torch.set_num_threads(n);
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(n);
    }

    /** OpenBLAS's thread count (see {@link #setThreads}). */
    public static int blasThreads() {
        load();
        return org.bytedeco.openblas.presets.openblas_nolapack.blas_get_num_threads();
    }

    public static boolean cudaAvailable() {
        load();
        return torch.cuda_is_available();
    }

    /** Seeds libtorch's CPU (and CUDA, when present) generators. */
    public static void seed(long seed) {
        load();
        torch.manual_seed(seed);
    }

    /** JavaCPP's version of the bindings, e.g. "1.5.13". */
    public static String bindingsVersion() {
        String v = Loader.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
