package dev.hourglass.inspect;

import java.util.Comparator;
import java.util.List;

/**
 * Course exercise 2.2: every Conv2d and ConvTranspose2d with its parameters, channels and kernel,
 * ranked by parameters, each with its share of the model's total.
 */
public record LayerBreakdown(List<Entry> ranked, long totalParameters, String heaviest) {

    public record Entry(int rank, String name, String type, long parameters, double percent, long inChannels,
                        long outChannels, String kernel) {
    }

    public LayerBreakdown {
        ranked = List.copyOf(ranked);
    }

    public static LayerBreakdown of(Summary s) {
        List<LayerRow> convs = s.rows().stream().filter(r -> r.type().startsWith("Conv"))
                .sorted(Comparator.comparingLong(LayerRow::parameters).reversed()).toList();
        List<Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < convs.size(); i++) {
            LayerRow r = convs.get(i);
            String k = r.kernelStridePadding().split("/")[0];
            entries.add(new Entry(i + 1, r.path(), r.type(), r.parameters(), r.percentOfParameters(), r.inChannels(),
                    r.outChannels(), k + "×" + k));
        }
        return new LayerBreakdown(entries, s.totalParameters(), entries.isEmpty() ? "-" : entries.get(0).name());
    }

    public Table table() {
        Table t = new Table(">#", "Layer", "Type", ">Params", ">% of model", ">In", ">Out", "Kernel");
        for (Entry e : ranked) {
            t.row(e.rank(), e.name(), e.type(), Numbers.count(e.parameters()), Numbers.fixed(e.percent(), 2), e.inChannels(),
                    e.outChannels(), e.kernel());
        }
        return t;
    }

    public String sentence() {
        if (ranked.isEmpty()) return "no convolutions";
        Entry top = ranked.get(0);
        long convTotal = ranked.stream().mapToLong(Entry::parameters).sum();
        return "The heaviest layer is " + top.name() + " (" + top.type() + " " + top.inChannels() + "→" + top.outChannels()
                + ", " + Numbers.count(top.parameters()) + " parameters, " + Numbers.fixed(top.percent(), 1)
                + "% of the model); the convolutions hold " + Numbers.count(convTotal) + " of " + Numbers.count(totalParameters)
                + " parameters, the rest is BatchNorm.";
    }
}
