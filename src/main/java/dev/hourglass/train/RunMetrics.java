package dev.hourglass.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's metrics.jsonl read back for others (the HTML report): its training and validation lines.
 * A line that does not parse (the last one of a run being written, or one cut off by a kill) is
 * counted and left out, so a running or killed run can still be shown.
 */
public record RunMetrics(List<StepLog> steps, List<ValidationLog> validations, int unreadableLines) {

    public RunMetrics {
        steps = List.copyOf(steps);
        validations = List.copyOf(validations);
    }

    public static RunMetrics read(Path metricsJsonl) throws IOException {
        List<StepLog> steps = new ArrayList<>();
        List<ValidationLog> validations = new ArrayList<>();
        int bad = 0;
        for (String l : Files.readAllLines(metricsJsonl)) {
            if (l.isBlank()) continue;
            try {
                JsonNode n = Trainer.JSON.readTree(l);
                String kind = n.path("kind").asText();
                if (kind.equals("train")) steps.add(Trainer.JSON.treeToValue(n, StepLog.class));
                else if (kind.equals("validation")) validations.add(Trainer.JSON.treeToValue(n, ValidationLog.class));
                else bad++;
            } catch (JsonProcessingException e) {
                bad++;
            }
        }
        return new RunMetrics(steps, validations, bad);
    }
}
