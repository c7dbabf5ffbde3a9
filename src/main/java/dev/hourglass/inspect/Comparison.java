package dev.hourglass.inspect;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hourglass.convmath.Shape;
import dev.hourglass.model.Architecture;
import dev.hourglass.model.ModelSpec;
import dev.hourglass.model.PlannedOp;
import dev.hourglass.model.ResidualBlock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of model B against model A, module by module: what B adds (residual blocks, wider
 * decoder inputs from skips), the totals and the percentage increase; and the course's simplified
 * count of {@value #COURSE_BLOCKS} residual blocks of {@value #COURSE_BLOCK_CHANNELS} channels over the
 * baseline, for reference.
 */
public record Comparison(String a, String b, long parametersA, long parametersB, double increasePercent,
                         long residualBlock64, @JsonProperty("courseEightBlocks") long eightBlocksOf64Channels,
                         @JsonProperty("courseIncreasePercent") double eightBlocksOf64ChannelsIncreasePercent,
                         List<Difference> differences, List<AddedBlock> addedBlocks,
                         @JsonProperty("courseBaselineParameters") long baselineParameters) {

    /** The course's simplified count: {@value #COURSE_BLOCKS} residual blocks of {@value #COURSE_BLOCK_CHANNELS} channels. */
    public static final int COURSE_BLOCK_CHANNELS = 64;
    public static final int COURSE_BLOCKS = 8;

    /**
     * The spec that the residual-block questions are asked of: the spec itself, or, for a GDN model
     * (no separate activation, where the course's blocks are undefined), the same network with the
     * blocks' LeakyReLU(0.2); an activation has no parameters, so every count stays the spec's.
     */
    public static ModelSpec residualFamily(ModelSpec spec) {
        return spec.activation() == dev.hourglass.model.Activation.NONE ? spec.withActivation(dev.hourglass.model.Activation.LEAKY_RELU, 0.2) : spec;
    }

    /** A module whose parameter count differs (0 where it does not exist). */
    public record Difference(String module, long parametersA, long parametersB, String note) {
    }

    /** A residual block present in B only. */
    public record AddedBlock(String path, long channels, long parameters) {
    }

    public Comparison {
        differences = List.copyOf(differences);
        addedBlocks = List.copyOf(addedBlocks);
    }

    public static Comparison of(String nameA, ModelSpec a, String nameB, ModelSpec b) {
        Map<String, PlannedOp> opsA = byPath(a);
        Map<String, PlannedOp> opsB = byPath(b);
        List<Difference> diffs = new ArrayList<>();
        Map<String, long[]> blocks = new LinkedHashMap<>();
        for (String path : union(opsA, opsB)) {
            long pa = opsA.containsKey(path) ? opsA.get(path).parameters() : 0;
            long pb = opsB.containsKey(path) ? opsB.get(path).parameters() : 0;
            if (pa == pb) continue;
            String note = !opsA.containsKey(path) ? "only in " + nameB : !opsB.containsKey(path) ? "only in " + nameA
                    : describe(opsA.get(path)) + " → " + describe(opsB.get(path));
            diffs.add(new Difference(path, pa, pb, note));
            int res = path.indexOf(".res.");
            if (res >= 0 && !opsA.containsKey(path)) {
                String block = path.substring(0, path.indexOf('.', res + 5));
                long[] acc = blocks.computeIfAbsent(block, k -> new long[]{opsB.get(path).inputs().get(0).dim(1), 0});
                acc[1] += pb;
            }
        }
        List<AddedBlock> added = new ArrayList<>();
        blocks.forEach((k, v) -> added.add(new AddedBlock(k, v[0], v[1])));
        long pa = total(opsA);
        long pb = total(opsB);
        long block64 = blockParameters(COURSE_BLOCK_CHANNELS);
        ModelSpec baseline = dev.hourglass.model.Presets.BASELINE;
        long base = Architecture.plan(baseline, Shape.of(1, baseline.inputChannels(), baseline.imageSize(), baseline.imageSize())).parameters();
        return new Comparison(nameA, nameB, pa, pb, 100.0 * (pb - pa) / pa, block64, COURSE_BLOCKS * block64,
                100.0 * COURSE_BLOCKS * block64 / base, diffs, added, base);
    }

    /** Parameters of one residual block: two 3×3 convolutions with bias and two BatchNorms. */
    public static long blockParameters(int channels) {
        return 2 * ResidualBlock.sameConv(channels).parameters() + 2 * 2L * channels;
    }

    private static String describe(PlannedOp op) {
        return op.conv() != null ? op.conv().describe() : op.kind().torchName() + op.inputs();
    }

    private static Map<String, PlannedOp> byPath(ModelSpec s) {
        Map<String, PlannedOp> m = new LinkedHashMap<>();
        for (PlannedOp op : Architecture.plan(s, Shape.of(1, s.inputChannels(), s.imageSize(), s.imageSize())).ops()) {
            m.put(op.path(), op);
        }
        return m;
    }

    private static List<String> union(Map<String, PlannedOp> a, Map<String, PlannedOp> b) {
        List<String> paths = new ArrayList<>(b.keySet());
        for (String p : a.keySet()) if (!b.containsKey(p)) paths.add(p);
        return paths;
    }

    private static long total(Map<String, PlannedOp> ops) {
        return ops.values().stream().mapToLong(PlannedOp::parameters).sum();
    }

    /** Differences not explained by an added residual block, e.g. decoder convolutions widened by skips. */
    public List<Difference> differencesOutsideAddedBlocks() {
        return differences.stream().filter(d -> addedBlocks.stream().noneMatch(x -> d.module().startsWith(x.path() + "."))).toList();
    }

    public Table table() {
        return table(differences);
    }

    public Table table(List<Difference> rows) {
        Table t = new Table("Module", ">" + a, ">" + b, ">Δ", "Note");
        for (Difference d : rows) {
            t.row(d.module(), Numbers.count(d.parametersA()), Numbers.count(d.parametersB()),
                    Numbers.count(d.parametersB() - d.parametersA()), d.note());
        }
        return t;
    }
}
