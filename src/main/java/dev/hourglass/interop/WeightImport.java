package dev.hourglass.interop;

import dev.hourglass.model.ModelSpec;
import dev.hourglass.runtime.WeightTensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a foreign file's tensors to a model's, all or nothing: every tensor of the model must be
 * in the file under its name in the layout, with its shape, and the file must hold nothing else.
 * Otherwise the import fails listing every mismatch (a silent partial load would leave random
 * weights in the model). Floating values must be finite.
 */
public final class WeightImport {

    /** At most this many mismatches are spelled out; the rest are counted. */
    static final int LISTED = 12;

    private WeightImport() {
    }

    /** The model's tensors filled from the file, and the layout whose names matched. */
    public record Result(List<WeightTensor> weights, NameLayout layout) {
    }

    /**
     * @param expected the model's tensors in its order (their values are ignored; names, shapes, kinds count)
     * @param layout   the naming to use, or null to take whichever layout names every tensor
     */
    public static Result match(WeightsFile file, ModelSpec spec, List<WeightTensor> expected, NameLayout layout) {
        List<NameLayout> candidates = new ArrayList<>();
        if (layout != null) {
            if (!layout.fits(spec)) {
                throw new InteropException("names " + layout.key() + " cannot describe a model with skips (no flat nn.Sequential has them);"
                        + " use --names hourglass");
            }
            candidates.add(layout);
        } else {
            for (NameLayout l : NameLayout.values()) if (l.fits(spec)) candidates.add(l);
        }
        List<String> best = null;
        NameLayout bestLayout = null;
        for (NameLayout l : candidates) {
            List<String> problems = mismatches(file.tensors(), spec, expected, l);
            if (problems.isEmpty()) return new Result(values(file, spec, expected, l), l);
            if (best == null || problems.size() < best.size()) {
                best = problems;
                bestLayout = l;
            }
        }
        String listed = String.join("; ", best.subList(0, Math.min(LISTED, best.size())));
        String more = best.size() > LISTED ? "; and " + (best.size() - LISTED) + " more" : "";
        throw new InteropException(file.path() + " does not fit the model (" + best.size() + " mismatches with "
                + bestLayout.key() + " names, the closest layout): " + listed + more);
    }

    private static List<String> mismatches(Map<String, ForeignTensor> found, ModelSpec spec, List<WeightTensor> expected, NameLayout l) {
        List<String> problems = new ArrayList<>();
        Set<String> unexpected = new LinkedHashSet<>(found.keySet());
        for (WeightTensor w : expected) {
            String name = l.external(w.name(), spec);
            ForeignTensor t = found.get(name);
            unexpected.remove(name);
            String want = (w.integer() ? "integer " : "float ") + Arrays.toString(w.shape());
            if (t == null) {
                problems.add("missing " + name + " " + want);
            } else if (!Arrays.equals(t.shape(), w.shape())) {
                problems.add(name + ": expected shape " + Arrays.toString(w.shape()) + " but found " + Arrays.toString(t.shape()));
            } else if (w.integer() && t.dtype().floating()) {
                problems.add(name + ": expected an integer tensor but found " + t.dtype());
            }
        }
        for (String u : unexpected) problems.add("unexpected " + u + " " + found.get(u).describe());
        return problems;
    }

    private static List<WeightTensor> values(WeightsFile file, ModelSpec spec, List<WeightTensor> expected, NameLayout l) {
        List<WeightTensor> out = new ArrayList<>();
        List<String> nonFinite = new ArrayList<>();
        for (WeightTensor w : expected) {
            String name = l.external(w.name(), spec);
            ForeignTensor t = file.tensors().get(name);
            if (w.integer()) {
                out.add(new WeightTensor(w.name(), w.shape(), null, t.longs()));
            } else {
                float[] v = t.floats();
                for (float x : v) {
                    if (!Float.isFinite(x)) {
                        nonFinite.add(name);
                        break;
                    }
                }
                out.add(new WeightTensor(w.name(), w.shape(), v, null));
            }
        }
        if (!nonFinite.isEmpty()) {
            throw new InteropException(file.path() + ": NaN or infinite values in " + nonFinite.size() + " tensor(s): "
                    + String.join(", ", nonFinite.subList(0, Math.min(LISTED, nonFinite.size()))) + (nonFinite.size() > LISTED ? ", ..." : ""));
        }
        return out;
    }
}
