package dev.hourglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.data.Crops;
import dev.hourglass.data.ImageFiles;
import dev.hourglass.data.Phantoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `eval --ceiling`: a learned model's reconstruction from its unquantised latent. For the lowest-rate
 * shipped model, whose latent is coarse, it must lie clearly above the coded point; a ceiling that
 * rounded the latent as the codec does would equal it.
 */
class EvalCeilingCliTest {

    @Test
    void theCeilingLiesAboveTheCodedPointAndIsOnlyMeasuredWhenAsked(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 2; i++) {
            ImageFiles.writePng(Crops.cropTopLeft(Phantoms.generate(1, 256, 40 + i).get(0), 200, 180), 8, data.resolve("p" + i + ".png"));
        }
        String model = Path.of("models/factorized-1.ckpt").toString();
        CliRun with = CliRun.of("eval", "--ceiling", "--checkpoint", model, "--data", data.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, with.code(), with.err());
        JsonNode doc = new ObjectMapper().readTree(Files.readString(dir.resolve("a/points.json")));
        JsonNode ceilings = doc.get("transformCeilings");
        assertEquals(1, ceilings.size(), doc.toString());
        double ceiling = ceilings.get(0).get("psnrDb").asDouble();
        double coded = 0;
        for (JsonNode c : doc.get("curves")) {
            if (c.get("codec").asText().equals("hourglass learned")) coded = c.get("points").get(0).get("psnr").asDouble();
        }
        assertTrue(coded > 20, "the coded point was found: " + coded);
        assertTrue(ceiling > coded + 0.5, "ceiling " + ceiling + " dB against the coded " + coded + " dB");
        assertTrue(with.out().contains("transform ceiling of models/factorized-1.ckpt (setting 1)"), with.out());

        CliRun without = CliRun.of("eval", "--checkpoint", model, "--data", data.toString(), "--out", dir.resolve("b").toString());
        assertEquals(0, without.code(), without.err());
        assertFalse(without.out().contains("transform ceiling"), without.out());
        assertFalse(new ObjectMapper().readTree(Files.readString(dir.resolve("b/points.json"))).has("transformCeilings"));
    }
}
