package dev.hourglass.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.backend.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** metrics.jsonl: one JSON object per line, kind "train" or "validation", appended as the run goes. */
final class MetricsFile {

    private final Path file;

    MetricsFile(Path file) {
        this.file = file;
    }

    void append(Object record) throws IOException {
        Files.writeString(file, Trainer.JSON.writeValueAsString(record) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    List<StepLog> steps() throws IOException {
        List<StepLog> out = new ArrayList<>();
        for (JsonNode n : lines()) if (n.get("kind").asText().equals("train")) out.add(Trainer.JSON.treeToValue(n, StepLog.class));
        return out;
    }

    List<ValidationLog> validations() throws IOException {
        List<ValidationLog> out = new ArrayList<>();
        for (JsonNode n : lines()) if (n.get("kind").asText().equals("validation")) out.add(Trainer.JSON.treeToValue(n, ValidationLog.class));
        return out;
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (String l : Files.readAllLines(file)) if (!l.isBlank()) out.add(Trainer.JSON.readTree(l));
        return out;
    }

    /** Keeps the lines of steps up to {@code step} (those the checkpoint covers); rewrites atomically. */
    static void truncateAfter(Path file, long step) throws IOException {
        if (!Files.exists(file)) return;
        StringBuilder kept = new StringBuilder();
        for (String l : Files.readAllLines(file)) {
            if (l.isBlank()) continue;
            JsonNode n;
            try {
                n = Trainer.JSON.readTree(l);
            } catch (IOException e) {
                continue; // a line cut off by a kill
            }
            if (n.has("step") && n.get("step").asLong() <= step) kept.append(l).append('\n');
        }
        AtomicFiles.writeString(file, kept.toString());
    }
}
