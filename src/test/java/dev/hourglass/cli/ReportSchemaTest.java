package dev.hourglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.inspect.Golden;
import dev.hourglass.inspect.InspectionReport;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the field paths of the report's JSON for schema {@value InspectionReport#SCHEMA}. Within one
 * schema number fields may be added (regenerate the golden file and review the diff), never removed
 * or renamed: a removal or a rename shows here as a missing line and needs a new schema number.
 */
class ReportSchemaTest {

    @Test
    void reportJsonKeepsTheFieldsOfItsSchema() throws Exception {
        CliRun r = CliRun.of("report", "--arch", "skips", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(InspectionReport.SCHEMA, root.get("schema").asInt());
        TreeSet<String> paths = new TreeSet<>();
        collect(root, "", paths);
        Golden.assertMatches("report-schema-" + InspectionReport.SCHEMA + ".txt", String.join("\n", paths) + "\n");
    }

    /** Object fields by name; an array's elements under "[]" (the union over its elements). */
    private static void collect(JsonNode node, String path, TreeSet<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(p);
                collect(e.getValue(), p, out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) collect(element, path + "[]", out);
        }
    }
}
