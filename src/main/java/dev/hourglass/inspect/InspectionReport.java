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

    /** The architecture summary as one table, the same in Markdown and in the HTML page. */
    public Table architectureTable() {
        ArchitectureFacts a = architecture;
        Table t = new Table("Item", "Value");
        t.row("Total parameters", Numbers.count(a.totalParameters()));
        t.row("Trainable parameters", Numbers.count(a.trainableParameters()));
        t.row("Input shape", a.inputShape());
        t.row("Latent shape", a.latentShape());
        t.row("Compression ratio", Numbers.fixed(a.compressionRatio(), 2) + ":1 in values (" + Numbers.fixed(summary.ratioBits8(), 2)
                + ":1 in bits with 8-bit latent values, " + Numbers.fixed(summary.ratioBits32(), 2) + ":1 with float32)");
        t.row("Has skip connections", a.hasSkipConnections() ? "Yes" : "No");
        t.row("Has residual blocks", a.hasResidualBlocks() ? "Yes" : "No");
        t.row("Output activation", a.outputActivation().equals("sigmoid") ? "Sigmoid" : "None");
        return t;
    }
}
