package dev.hourglass.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.convmath.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Each committed TorchScript fixture against what PyTorch itself said of the same model when it
 * wrote it (src/test/python/make_torchscript_fixtures.py wrote NAME.json beside NAME.pt): parameter
 * and buffer counts, every module with its class and attributes, and the output shape on the probe.
 */
class ScriptedModelFiguresTest {

    static final Path DIR = Path.of("src/test/resources/fixtures/torchscript");

    @ParameterizedTest
    @ValueSource(strings = {"sequential_ae", "skip_ae", "residual_ae", "exotic_ae", "interpolating_ae", "baseline_full"})
    void figuresEqualPyTorchs(String name) throws IOException {
        JsonNode py = new ObjectMapper().readTree(DIR.resolve(name + ".json").toFile());
        ScriptedModel m = ScriptedModel.load(DIR.resolve(name + ".pt"), DeviceChoice.CPU);

        List<ParamInfo> params = m.parameters();
        assertEquals(py.get("parameters").asLong(), params.stream().mapToLong(ParamInfo::numel).sum(), "parameters");
        assertEquals(py.get("trainable").asLong(), params.stream().filter(ParamInfo::trainable).mapToLong(ParamInfo::numel).sum());
        assertEquals(py.get("parameterTensors").asInt(), params.size());
        long[] buffers = m.buffers();
        assertEquals(py.get("bufferTensors").asLong(), buffers[0], "buffer tensors");
        assertEquals(py.get("bufferElements").asLong(), buffers[1], "buffer elements");

        Map<String, ScriptedLayer> ours = new HashMap<>();
        for (ScriptedLayer l : m.layers()) ours.put(l.path(), l);
        assertEquals(py.get("modules").size(), ours.size(), "module count");
        for (JsonNode mod : py.get("modules")) {
            String path = mod.get("path").asText();
            ScriptedLayer l = ours.get(path);
            assertNotNull(l, "module " + path);
            assertEquals(mod.get("type").asText(), l.type(), path);
            assertEquals(mod.get("parameters").asLong(), l.ownParameters(), path + " own parameters");
            for (var it = mod.fields(); it.hasNext(); ) {
                var e = it.next();
                if (List.of("path", "type", "parameters").contains(e.getKey())) continue;
                List<Double> expected = new ArrayList<>();
                if (e.getValue().isArray()) e.getValue().forEach(v -> expected.add(v.asDouble()));
                else expected.add(e.getValue().isBoolean() ? (e.getValue().asBoolean() ? 1.0 : 0.0) : e.getValue().asDouble());
                assertEquals(expected, l.attributes().get(e.getKey()), path + " " + e.getKey());
            }
        }

        List<Long> probe = new ArrayList<>();
        py.get("probe").forEach(v -> probe.add(v.asLong()));
        ScriptedRun run = m.run(Shape.of(probe.stream().mapToLong(Long::longValue).toArray()), 0);
        List<Long> out = new ArrayList<>();
        py.get("output").forEach(v -> out.add(v.asLong()));
        assertEquals(Shape.of(out.stream().mapToLong(Long::longValue).toArray()), run.output());
        assertEquals(run.output(), run.walkedOutput(), "walking the modules one by one gives the model's own output shape");
        assertNull(run.walkProblem(), "and the same values: " + run.walkProblem());
    }
}
