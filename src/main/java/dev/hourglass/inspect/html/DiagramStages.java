package dev.hourglass.inspect.html;

import dev.hourglass.convmath.Shape;
import dev.hourglass.inspect.LayerRow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups the rows of a measured forward pass into the diagram's stages. It reads only what any
 * traced network provides (module paths, op types, input and output shapes, parameters), so a
 * TorchScript model's rows can be drawn the same way once the tool loads them:
 * <ul>
 * <li>a stage is a run of rows sharing the path up to its first numeric part ({@code encoder.stages.0},
 * {@code g_a.3}), or the first part when there is none ({@code entropy_bottleneck});</li>
 * <li>stages from the first one that upsamples on are the decoder, those before it the encoder; a
 * stage whose op type names an entropy model or bottleneck is a side branch;</li>
 * <li>a concatenation's second input is a skip; it comes from the latest encoder stage whose
 * output has that shape;</li>
 * <li>each {@code add} row is one residual block.</li>
 * </ul>
 */
final class DiagramStages {

    private DiagramStages() {
    }

    static List<DiagramStage> of(List<LayerRow> rows) {
        if (rows.isEmpty()) throw new IllegalStateException("no rows to draw");
        List<List<LayerRow>> groups = new ArrayList<>();
        String key = null;
        for (LayerRow r : rows) {
            String k = stageKey(r.path());
            if (!k.equals(key)) groups.add(new ArrayList<>());
            groups.get(groups.size() - 1).add(r);
            key = k;
        }
        groups = mergeSideBranch(groups);
        if (groups.stream().anyMatch(g -> g.stream().noneMatch(DiagramStages::startsStage) && g.stream().noneMatch(DiagramStages::sideRow))) {
            groups = byResolution(rows); // paths name layers, not stages (a TorchScript model's nn.Sequential: encoder.0, encoder.1, ...)
        }
        int firstUp = groups.size();
        for (int i = 0; i < groups.size() && firstUp == groups.size(); i++) {
            if (groups.get(i).stream().allMatch(DiagramStages::sideRow)) continue; // h_s upsamples, but beside the main path
            for (LayerRow r : groups.get(i)) if (height(r.outputShape()) > height(r.inputShapes().get(0))) firstUp = i;
        }
        List<DiagramStage> out = new ArrayList<>();
        Shape in = shape(rows.get(0).inputShapes().get(0));
        out.add(new DiagramStage("input", DiagramStage.Role.INPUT, in.dim(1), in.dim(2), in.dim(3), List.of("image"), 0, 0, -1, false));
        int lastEncoder = -1;
        for (int i = 0; i < groups.size(); i++) {
            List<LayerRow> g = groups.get(i);
            boolean side = g.stream().allMatch(DiagramStages::sideRow);
            DiagramStage.Role role = side ? DiagramStage.Role.SIDE : i < firstUp ? DiagramStage.Role.ENCODER : DiagramStage.Role.DECODER;
            Shape o = shape(g.get(g.size() - 1).outputShape());
            int skipFrom = -1;
            for (LayerRow r : g) if (r.type().equals("cat") && r.inputShapes().size() == 2) skipFrom = source(out, shape(r.inputShapes().get(1)));
            long adds = g.stream().filter(r -> r.type().equals("add")).count();
            String name = g.stream().anyMatch(r -> isHyper(r.path())) ? "hyperprior" : name(g).replace(".stages.", " ");
            out.add(new DiagramStage(name, role, o.dim(1), o.dim(2), o.dim(3), ops(g),
                    g.stream().mapToLong(LayerRow::parameters).sum(), (int) adds, skipFrom, false));
            if (role == DiagramStage.Role.ENCODER) lastEncoder = out.size() - 1;
        }
        if (lastEncoder > 0) {
            DiagramStage l = out.get(lastEncoder);
            out.set(lastEncoder, new DiagramStage(l.name(), l.role(), l.channels(), l.height(), l.width(), l.ops(), l.parameters(),
                    l.residualBlocks(), l.skipFrom(), true));
        }
        return out;
    }

    /**
     * A hyperprior's rows (h_a, z's bottleneck, h_s, the Gaussian conditional) form one side stage:
     * the diagram draws the main path, and the side branch that codes its latent, as one box.
     */
    private static List<List<LayerRow>> mergeSideBranch(List<List<LayerRow>> groups) {
        List<List<LayerRow>> out = new ArrayList<>();
        for (List<LayerRow> g : groups) {
            boolean side = g.stream().allMatch(DiagramStages::sideRow);
            List<LayerRow> previous = out.isEmpty() ? null : out.get(out.size() - 1);
            if (side && previous != null && previous.stream().allMatch(DiagramStages::sideRow)) previous.addAll(g);
            else out.add(new ArrayList<>(g));
        }
        return out;
    }

    /** A row of the entropy model's side branch. */
    private static boolean sideRow(LayerRow r) {
        return isEntropy(r.type()) || isHyper(r.path());
    }

    /** A hyper-network's row: ours ({@code hyperprior.…}) or CompressAI-style names ({@code h_a.0}, {@code h_s.2}). */
    private static boolean isHyper(String path) {
        List<String> parts = List.of(path.split("\\."));
        return parts.get(0).equals("hyperprior") || parts.contains("h_a") || parts.contains("h_s");
    }

    /** Whether a row can begin a stage: a convolution or a concatenation. */
    private static boolean startsStage(LayerRow r) {
        return r.type().startsWith("Conv") || r.type().equals("cat");
    }

    /**
     * Stages of a model whose paths do not name them: a new stage at each convolution that changes
     * the resolution (with the concatenation just before it), and where the first path part changes
     * (encoder → decoder).
     */
    private static List<List<LayerRow>> byResolution(List<LayerRow> rows) {
        List<List<LayerRow>> groups = new ArrayList<>();
        String top = null;
        for (int i = 0; i < rows.size(); i++) {
            LayerRow r = rows.get(i);
            String t = r.path().split("\\.")[0];
            boolean resizes = r.type().startsWith("Conv") && height(r.outputShape()) != height(r.inputShapes().get(0));
            boolean catBeforeResize = r.type().equals("cat") && i + 1 < rows.size() && rows.get(i + 1).type().startsWith("Conv");
            boolean afterCat = i > 0 && rows.get(i - 1).type().equals("cat") && !groups.isEmpty();
            if (groups.isEmpty() || !t.equals(top) || (resizes || catBeforeResize) && !afterCat) groups.add(new ArrayList<>());
            groups.get(groups.size() - 1).add(r);
            top = t;
        }
        return groups;
    }

    /** A stage's name: its key when its rows share it; else the common path prefix and the range of the next parts. */
    private static String name(List<LayerRow> g) {
        String first = g.get(0).path();
        String last = g.get(g.size() - 1).path();
        if (stageKey(first).equals(stageKey(last))) return stageKey(first);
        String[] a = first.split("\\.");
        String[] b = last.split("\\.");
        int common = 0;
        while (common < Math.min(a.length, b.length) - 1 && a[common].equals(b[common])) common++;
        String prefix = String.join(".", java.util.Arrays.copyOf(a, common));
        return (prefix.isEmpty() ? "" : prefix + ".") + a[common] + "–" + b[common];
    }

    /** A shape as the rows print it, "(4, 64, 128, 128)". */
    static Shape shape(String printed) {
        return Shape.parse(printed.replaceAll("[()\\s]", "").replace(',', 'x'));
    }

    /** The path up to and including its first numeric part, or its first part when it has none. */
    static String stageKey(String path) {
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty() && parts[i].chars().allMatch(Character::isDigit)) return String.join(".", java.util.Arrays.copyOf(parts, i + 1));
        }
        return parts[0];
    }

    private static boolean isEntropy(String type) {
        String t = type.toLowerCase(java.util.Locale.ROOT);
        return t.contains("entropy") || t.contains("bottleneck") || t.contains("conditional");
    }

    private static long height(String shape) {
        Shape s = shape(shape);
        return s.rank() == 4 ? s.dim(2) : 0;
    }

    /** The latest encoder stage (or the input) whose output has the skip's channels, height and width. */
    private static int source(List<DiagramStage> sofar, Shape skip) {
        for (int i = sofar.size() - 1; i >= 0; i--) {
            DiagramStage s = sofar.get(i);
            if ((s.role() == DiagramStage.Role.ENCODER || s.role() == DiagramStage.Role.INPUT) && s.channels() == skip.dim(1)
                    && s.height() == skip.dim(2) && s.width() == skip.dim(3)) return i;
        }
        return -1;
    }

    /** What the stage does outside its residual blocks and skips, in short words, in order. */
    private static List<String> ops(List<LayerRow> g) {
        Set<String> out = new LinkedHashSet<>();
        for (LayerRow r : g) {
            if (r.path().contains(".res.") || r.type().equals("cat") || r.type().equals("add")) continue;
            out.add(shortName(r));
        }
        return List.copyOf(out);
    }

    static String shortName(LayerRow r) {
        return switch (r.type()) {
            case "Conv2d" -> "conv " + r.kernelStridePadding();
            case "ConvTranspose2d" -> "tconv " + r.kernelStridePadding();
            case "BatchNorm2d" -> "BN";
            case "LeakyReLU" -> "LReLU";
            case "Sigmoid" -> "sigmoid";
            case "EntropyBottleneck" -> "quantise";
            case "GaussianConditional" -> "Gaussian conditional";
            default -> r.type();
        };
    }
}
