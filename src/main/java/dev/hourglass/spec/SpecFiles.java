package dev.hourglass.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.hourglass.backend.AtomicFiles;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.SpecException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes a {@link ModelSpec} as JSON; every field but {@code entropyModel} is required and unknown fields are refused. */
public final class SpecFiles {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    /** Spec files above this size are refused before reading (a spec is a few hundred bytes). */
    public static final long MAX_BYTES = 1 << 20;

    /** Fields that may be left out: they were added later and have a value that means "as before". */
    private static final java.util.Set<String> OPTIONAL = java.util.Set.of("entropyModel");

    private SpecFiles() {
    }

    public static String toJson(ModelSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec as JSON", e);
        }
    }

    /** Parses a spec; messages say which field is missing, unknown or invalid. */
    public static ModelSpec fromJson(String json, String source) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SpecException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new SpecException(source + ": expected a JSON object with the spec fields");
        }
        for (var it = tree.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fieldNames().contains(f)) {
                throw new SpecException(source + ": unknown field '" + f + "'; expected " + String.join(", ", fieldNames()));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String f : fieldNames()) {
            if (!tree.has(f) && !OPTIONAL.contains(f)) missing.add(f);
        }
        if (!tree.has("entropyModel")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("entropyModel", dev.hourglass.model.EntropyModelKind.NONE.key());
        }
        if (!missing.isEmpty()) {
            throw new SpecException(source + ": incomplete spec, missing " + String.join(", ", missing));
        }
        try {
            return JSON.treeToValue(tree, ModelSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new SpecException(source + ": unknown field '" + e.getPropertyName() + "'; expected "
                    + String.join(", ", fieldNames()));
        } catch (ValueInstantiationException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new SpecException(source + ": " + c.getMessage());
        } catch (JsonProcessingException e) {
            throw new SpecException(source + ": " + e.getOriginalMessage());
        }
    }

    public static ModelSpec read(Path file) {
        try {
            return fromJson(new String(dev.hourglass.backend.BoundedFiles.read(file, MAX_BYTES), java.nio.charset.StandardCharsets.UTF_8),
                    file.toString());
        } catch (dev.hourglass.backend.BoundedFiles.TooLargeException e) {
            throw new SpecException(e.getMessage() + ": not a spec file (at most " + MAX_BYTES + " bytes)");
        } catch (NoSuchFileException e) {
            throw new SpecException(file + ": no such spec file");
        } catch (IOException e) {
            throw new SpecException(file + ": cannot read spec: " + e.getMessage());
        }
    }

    /** Writes atomically: a temporary file in the same folder, then a rename. */
    public static void write(ModelSpec spec, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(spec) + "\n");
    }

    static List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (var c : ModelSpec.class.getRecordComponents()) names.add(c.getName());
        return names;
    }

}
