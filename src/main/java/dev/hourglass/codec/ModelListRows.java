package dev.hourglass.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a list in {@code models/} ({@code index.tsv}, {@code retired.tsv}): tab-separated
 * fields, blank lines and {@code #} comments skipped, each row with its line number for messages.
 */
final class ModelListRows {

    /** One row: its 1-based line number in the file and its fields. */
    record Row(int line, String[] fields) {
    }

    private ModelListRows() {
    }

    /** The rows of {@code file}; an error naming the file when it cannot be read. */
    static List<Row> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new CodecException("cannot read " + file + ": " + e.getMessage());
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#")) rows.add(new Row(i + 1, line.split("\t")));
        }
        return rows;
    }
}
