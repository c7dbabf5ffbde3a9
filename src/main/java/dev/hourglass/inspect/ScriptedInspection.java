package dev.hourglass.inspect;

import java.util.List;

/**
 * Everything measured of a TorchScript model in one forward pass, in the report types our own
 * models use ({@link Summary}, {@link Verification}, {@link ShapeTrace}), so every renderer and the
 * HTML diagram work unchanged; plus what only a foreign model needs: each module's attributes with
 * convmath's parameter count beside libtorch's, the buffers, and notes on what could not be followed.
 */
public record ScriptedInspection(Summary summary, Verification verification, ShapeTrace trace, ReceptiveFieldReport receptiveField,
                                 List<ModuleCheck> modules, @com.fasterxml.jackson.annotation.JsonIgnore List<dev.hourglass.runtime.ScriptedOp> ops,
                                 long bufferTensors, long bufferElements, String encoderReturns, List<String> notes) {

    /**
     * One module with parameters or attributes: what it says of itself, libtorch's count of its own
     * parameters, and convmath's count from the attributes (null: no formula for this class).
     */
    public record ModuleCheck(String path, String type, String attributes, long libtorchParameters, Long convmathParameters) {

        public boolean agrees() {
            return convmathParameters == null || convmathParameters == libtorchParameters;
        }
    }

    public ScriptedInspection {
        modules = List.copyOf(modules);
        ops = List.copyOf(ops);
        notes = List.copyOf(notes);
    }

    /** The modules where convmath's count differs from libtorch's. */
    public List<ModuleCheck> disagreements() {
        return modules.stream().filter(m -> !m.agrees()).toList();
    }

    public Table moduleTable() {
        Table t = new Table("Module", "Type", "Attributes (read from the module)", ">Params (libtorch)", ">convmath", "Agree");
        for (ModuleCheck m : modules) {
            t.row(m.path(), m.type(), m.attributes(), Numbers.count(m.libtorchParameters()),
                    m.convmathParameters() == null ? "no formula" : Numbers.count(m.convmathParameters()), m.agrees() ? "yes" : "NO");
        }
        return t;
    }

    /** Buffers, module checks and notes, after the summary table. */
    public String footer() {
        StringBuilder b = new StringBuilder();
        b.append("Buffers:                  ").append(bufferTensors).append(" tensors, ").append(Numbers.count(bufferElements))
                .append(" values (BatchNorm running statistics and counters)\n");
        b.append("Encoder returns:          ").append(encoderReturns).append('\n');
        long counted = modules.stream().filter(m -> m.convmathParameters() != null && m.libtorchParameters() > 0).count();
        b.append("Parameter counts:         convmath recounted ").append(counted).append(" modules from their attributes; ")
                .append(disagreements().isEmpty() ? "all agree with libtorch" : disagreements().size() + " DISAGREE: "
                        + disagreements().stream().map(ModuleCheck::path).toList()).append('\n');
        if (summary.rows().stream().anyMatch(r -> r.rf() < 0)) {
            b.append("RF -1:                    the field crosses an operation without a receptive-field formula (listed in the notes"
                    + " or not pointwise, e.g. PixelShuffle); it is not estimated\n");
        }
        for (String n : notes) b.append("note: ").append(n).append('\n');
        return b.toString();
    }
}
