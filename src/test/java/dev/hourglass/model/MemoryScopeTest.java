package dev.hourglass.model;

import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.ProcessMemory;
import dev.hourglass.backend.Torch;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.bytedeco.pytorch.global.torch.mse_loss;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Native memory stays flat over a long training loop when every step runs in a {@link MemoryScope}. */
class MemoryScopeTest {

    @Test
    void residentMemoryIsFlatOver300TrainingSteps() {
        Torch.load();
        Torch.seed(0);
        ModelSpec small = Presets.BASELINE.withWidths(List.of(16, 32, 64), 16).withImageSize(64);
        Autoencoder model = new Autoencoder(small);
        Adam adam = new Adam(model.parameters(), new AdamOptions(1e-3));
        Tensor x = rand(4, 1, 64, 64);
        long rssAt50 = -1;
        for (int step = 1; step <= 300; step++) {
            try (MemoryScope s = new MemoryScope()) {
                adam.zero_grad();
                Tensor loss = mse_loss(model.forward(x), x);
                loss.backward();
                adam.step();
            }
            if (step == 50) rssAt50 = ProcessMemory.rssBytes();
        }
        long rssAt300 = ProcessMemory.rssBytes();
        assertTrue(rssAt50 > 0, "RSS must be readable from /proc/self/status");
        long growth = rssAt300 - rssAt50;
        assertTrue(growth < 100L * 1024 * 1024, "RSS grew by " + growth / (1024 * 1024) + " MB between step 50 and 300");
    }
}
