package dev.hourglass.inspect;

import java.util.List;

/**
 * The complete Day 2 report of one model: every number measured on the real network or computed
 * by convmath. Its JSON form is the record itself; the schema changes only with {@link #SCHEMA}.
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
