package dev.hourglass.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.codec.format.FormatException;
import dev.hourglass.runtime.ModelRunner;
import dev.hourglass.train.Checkpoint;

import java.nio.file.Path;

/**
 * Jazzer fuzz target for the decoder: any bytes may give a decoded image or a
 * {@link FormatException}, nothing else. In a normal test run it replays the corpus in
 * src/test/resources/dev/hourglass/codec/DecoderFuzzTestInputs (regression mode); to fuzz for
 * real: {@code JAZZER_FUZZ=1 mvn test -Dtest=DecoderFuzzTest}.
 */
class DecoderFuzzTest {

    private static ModelRunner probe;

    private static synchronized ModelRunner probe() {
        if (probe == null) {
            probe = ModelRunner.of(Checkpoint.load(Path.of("src", "test", "resources", "fixtures", "v1", "model.ckpt")).model(), DeviceChoice.CPU);
        }
        return probe;
    }

    @FuzzTest(maxDuration = "60s")
    void fuzzDecoder(byte[] data) {
        try {
            Codec.decompress(probe(), data);
        } catch (FormatException expected) {
            // the only failure a reader of untrusted bytes may report
        }
    }
}
