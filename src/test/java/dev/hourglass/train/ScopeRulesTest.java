package dev.hourglass.train;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.MemoryScope;
import dev.hourglass.backend.Torch;
import dev.hourglass.model.Activation;
import dev.hourglass.model.Autoencoder;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Normalization;
import dev.hourglass.model.Presets;
import dev.hourglass.model.ResidualBlock;
import dev.hourglass.runtime.ModelRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ARCHITECTURE.md: models and optimisers are created outside any memory scope, because a scope
 * frees every native object created in it when it closes. The factories refuse to run inside one.
 */
class ScopeRulesTest {

    private static final ModelSpec SMALL = Presets.BASELINE.withWidths(List.of(8, 16), 8).withImageSize(32);

    private static void refusedInsideAScope(Executable factory) {
        Torch.load();
        try (MemoryScope s = new MemoryScope()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, factory);
            assertTrue(e.getMessage().contains("outside any memory scope"), e.getMessage());
        }
    }

    private static Object optimizerFor(Autoencoder m) throws Exception {
        Method f = TrainableModel.class.getDeclaredMethod("optimizer", Autoencoder.class, OptimizerKind.class, double.class, double.class);
        f.setAccessible(true);
        try {
            return f.invoke(null, m, OptimizerKind.ADAM, 1e-3, 0.0);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void modelsBlocksAndOptimisersAreRefusedInsideAScope() throws Exception {
        refusedInsideAScope(() -> new Autoencoder(SMALL));
        refusedInsideAScope(() -> ModelRunner.build(SMALL, DeviceChoice.CPU, 0));
        refusedInsideAScope(() -> new ResidualBlock(8, Normalization.BATCH, Activation.LEAKY_RELU, 0.2));
        refusedInsideAScope(() -> TrainableModel.create(SMALL, OptimizerKind.ADAM, 1e-3, 0, DeviceChoice.CPU, 0));
        Autoencoder outside = new Autoencoder(SMALL);
        refusedInsideAScope(() -> optimizerFor(outside));
        ModelRunner runner = ModelRunner.build(SMALL, DeviceChoice.CPU, 0);
        refusedInsideAScope(() -> runner.randomBatch(2));
        // outside a scope the same calls work
        assertNotNull(optimizerFor(outside));
        assertNotNull(runner.randomBatch(2));
    }
}
