package dev.hourglass.train;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.model.EntropyModelKind;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.Presets;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.runtime.ModelWeights;
import dev.hourglass.runtime.WeightTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train --init-from: a hyperprior model takes a factorized checkpoint's g_a and g_s, and nothing else. */
class WarmStartTest {

    private static final ModelSpec FACTORIZED = Presets.FACTORIZED.withWidths(List.of(8, 8, 8), 12).withImageSize(64);

    @Test
    void matchingTensorsAreCopiedAndTheRestKeepTheirInitialisation(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("f.ckpt");
        ModelRunner source = ModelRunner.build(FACTORIZED, DeviceChoice.CPU, 7);
        Checkpoint.save(source.model(), "{}", ckpt);
        Map<String, WeightTensor> theirs = byName(ModelWeights.read(source.model()));

        ModelSpec hyper = FACTORIZED.withEntropyModel(EntropyModelKind.MEAN_SCALE);
        TrainableModel.WarmStart w = TrainableModel.warmStart(hyper, ckpt, OptimizerKind.ADAM, 1e-4, 0, DeviceChoice.CPU, 8);
        Map<String, WeightTensor> mine = byName(ModelWeights.read(w.model().runner().model()));
        Map<String, WeightTensor> seeded = byName(ModelWeights.read(ModelRunner.build(hyper, DeviceChoice.CPU, 8).model()));

        assertTrue(w.copied().contains("encoder.stages.0.conv.weight") && w.copied().contains("decoder.stages.3.conv.bias"), w.copied().toString());
        assertTrue(w.fresh().contains("hyperprior.h_s.2.weight"), w.fresh().toString());
        // the 12-channel bottleneck of the source does not fit the 8-channel one of z
        assertTrue(w.fresh().contains("entropy_bottleneck.matrix0"), w.fresh().toString());
        assertEquals(mine.size(), w.copied().size() + w.fresh().size());
        for (String name : w.copied()) assertArrayEquals(theirs.get(name).floats(), mine.get(name).floats(), name);
        for (String name : w.fresh()) {
            if (seeded.get(name).floats() == null) continue;
            assertArrayEquals(seeded.get(name).floats(), mine.get(name).floats(), name + " keeps the seeded initialisation");
        }
        assertFalse(Arrays.equals(theirs.get("encoder.stages.0.conv.weight").floats(), seeded.get("encoder.stages.0.conv.weight").floats()),
                "the two seeds differ, so the copy is visible");
    }

    private static Map<String, WeightTensor> byName(List<WeightTensor> list) {
        return list.stream().collect(Collectors.toMap(WeightTensor::name, Function.identity()));
    }
}
