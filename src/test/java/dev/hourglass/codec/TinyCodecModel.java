package dev.hourglass.codec;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Phantoms;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.train.OptimizerKind;
import dev.hourglass.train.TrainableModel;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny learned-codec model trained for a few rate–distortion steps on 64×64 phantoms, its tables frozen: what the codec tests code with. */
final class TinyCodecModel {

    private TinyCodecModel() {
    }

    static TrainableModel train(ModelSpec spec, long seed, int steps, long phantomSeed) {
        TrainableModel t = TrainableModel.create(spec, OptimizerKind.ADAM, 5e-3, 0, DeviceChoice.CPU, seed);
        for (int step = 1; step <= steps; step++) {
            List<GrayImage> batch = Phantoms.generate(4, 64, phantomSeed + step);
            assertTrue(t.stepRateDistortion(GrayImage.stack(batch), 4, 64, 64, 5e-3, 0.01, 1.0, step).finite());
        }
        TableFreezer.freeze(t.model());
        return t;
    }
}
