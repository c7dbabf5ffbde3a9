package dev.hourglass.interop;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer fuzz target for the importer's readers: any bytes, as a torch.save zip or a safetensors
 * file, give tensors or an {@link InteropException}, nothing else (no other exception, no hang, no
 * huge allocation). In a normal test run it replays the seeds in
 * src/test/resources/dev/hourglass/interop/StateDictFuzzTestInputs (a PyTorch state_dict zip, a
 * safetensors file, a truncated zip, a forbidden pickle); to fuzz for real:
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=StateDictFuzzTest}. Pure Java: no libtorch is loaded.
 */
class StateDictFuzzTest {

    private static Path file;

    private static synchronized Path file() {
        if (file == null) {
            try {
                file = Files.createTempFile("hourglass-fuzz", ".pt");
                file.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    @FuzzTest(maxDuration = "60s")
    void fuzzStateDict(byte[] data) throws IOException {
        Path f = file();
        Files.write(f, data); // the readers work on files (ZipFile needs one)
        try {
            WeightsFile w = WeightsFile.read(f);
            for (ForeignTensor t : w.tensors().values()) {
                if (t.dtype().floating()) t.floats();
                else t.longs();
            }
        } catch (InteropException expected) {
            // the only failure a reader of untrusted bytes may report
        }
    }
}
