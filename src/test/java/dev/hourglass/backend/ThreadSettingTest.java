package dev.hourglass.backend;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Setting libtorch's thread count takes effect at once. It changes process-wide state, so this
 * test runs in a JVM of its own (the pom's "isolated" Surefire execution), never in the JVM the
 * other tests share, whose results could depend on the thread count it left behind.
 */
class ThreadSettingTest {

    @Test
    void settingThreadsTakesEffectAtOnce() {
        int before = Torch.threads();
        try {
            Torch.setThreads(1);
            assertEquals(1, Torch.threads());
            assertEquals(1, Torch.blasThreads(), "OpenBLAS follows, or two 1-thread runs side by side fight over the cores");
            Torch.setThreads(2);
            assertEquals(2, Torch.threads());
            assertEquals(2, Torch.blasThreads());
            assertThrows(IllegalArgumentException.class, () -> Torch.setThreads(0));
        } finally {
            Torch.setThreads(before);
        }
    }

    /**
     * Two OpenBLAS copies are loaded (JavaCPP's openblas and openblas_nolapack); the thread count
     * must be set in the one whose sgemm_ libtorch's calls reach (found by the same global symbol
     * lookup the dynamic linker does for libtorch), or the setting would change an idle pool.
     */
    @Test
    void theThreadCountIsSetInTheOpenBlasThatLibtorchCalls() throws Exception {
        Torch.load();
        org.bytedeco.openblas.presets.openblas_nolapack.blas_get_num_threads(); // loads the setter's library
        String setter = mappedFile(org.bytedeco.javacpp.Loader.addressof("openblas_set_num_threads").address());
        String gemm = mappedFile(org.bytedeco.javacpp.Loader.addressof("sgemm_").address());
        assertTrue(setter.contains("openblas"), setter);
        assertEquals(gemm, setter);
    }

    private static String mappedFile(long address) throws Exception {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/maps"))) {
            String[] f = line.trim().split("\\s+");
            String[] range = f[0].split("-");
            if (Long.compareUnsigned(address, Long.parseUnsignedLong(range[0], 16)) >= 0
                    && Long.compareUnsigned(address, Long.parseUnsignedLong(range[1], 16)) < 0) {
                return f.length > 5 ? f[5] : "(anonymous)";
            }
        }
        return "(unmapped)";
    }
}
