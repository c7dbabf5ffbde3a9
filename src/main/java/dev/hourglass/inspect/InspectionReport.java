package dev.hourglass.inspect;

import java.util.List;

/**
 * The complete Day 2 report of one model: its numbers measured on the real network beside
 * convmath's predictions, and the course's theory questions about the course's own fixed layers
 * ({@link Theory}, computed by convmath and checked against libtorch). Its JSON form is the record
 * itself. Within one {@link #SCHEMA} number fields are only added; removing or renaming one needs a new
 * number (ReportSchemaTest pins the field paths).
 */
public record InspectionReport(int schema, String model, boolean trained, String device, String libtorch, int threads,
                         ArchitectureFacts architecture, Summary summary, LayerBreakdown layers, Verification verification,
                         ShapeTrace trace, GradientFlow gradients, ReceptiveFieldReport receptiveField, SkipReport skips,
                         ResidualFindings residual, Theory theory, OutputRange outputRange, List<ChecklistItem> checklist) {

    public static final int SCHEMA = 1;

    public InspectionReport {
        checklist = List.copyOf(checklist);
    }
}
