package dev.hourglass.backend;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
