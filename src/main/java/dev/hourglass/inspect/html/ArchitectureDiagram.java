package dev.hourglass.inspect.html;

import dev.hourglass.inspect.LayerRow;
import dev.hourglass.inspect.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hourglass drawn from the measured rows (no library draws this): one block per stage, its
 * height proportional to the resolution and its width to log₂ of the channels, labelled with its
 * shape; skip connections as arrows over the top from encoder to decoder, residual blocks as loops
 * under their stage, an entropy model as a side branch at the latent.
 */
final class ArchitectureDiagram {

    static final int MAX_H = 200;
    private static final int LINE = 15;
    private static final int LINES = 6;
    /** An upper bound of the mean advance of a character of the 12 px sans-serif labels, in pixels. */
    private static final int CHAR_WIDTH = 7;

    private ArchitectureDiagram() {
    }

    /** The diagram of the rows of a measured forward pass (see {@link DiagramStages} for what it reads from them). */
    static String ofRows(List<LayerRow> rows) {
        return svg(DiagramStages.of(rows));
    }

    static String svg(List<DiagramStage> stages) {
        long maxRes = stages.stream().mapToLong(DiagramStage::height).max().orElse(1);
        List<DiagramStage> skips = stages.stream().filter(s -> s.skipFrom() >= 0).toList();
        int top = 40 + 18 * skips.size();
        int mid = top + MAX_H / 2;
        int labelTop = mid + MAX_H / 2 + 34;
        int[] cx = new int[stages.size()];
        int x = 16;
        for (int i = 0; i < stages.size(); i++) {
            int w = colWidth(stages.get(i));
            cx[i] = x + w / 2;
            x += w;
        }
        int width = x + 16;
        int height = labelTop + LINES * LINE + 14;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                + " font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" font-size=\"12\">\n", width, height, width, height));
        b.append("<defs><marker id=\"arch-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/></marker>"
                + "<marker id=\"arch-arrow-skip\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1f8a7a\"/></marker></defs>\n");
        b.append("<text x=\"16\" y=\"18\" fill=\"#555\">block height ∝ resolution, width ∝ log₂(channels); shapes are channels×height×width</text>\n");
        for (int i = 0; i + 1 < stages.size(); i++) {
            int x1 = cx[i] + halfWidth(stages.get(i));
            int x2 = cx[i + 1] - halfWidth(stages.get(i + 1));
            b.append(line(x1 + 2, mid, x2 - 2, mid, "#444", "", "arch-arrow"));
        }
        for (int i = 0; i < stages.size(); i++) block(b, stages.get(i), cx[i], mid, maxRes, labelTop);
        List<DiagramStage> bySpan = new ArrayList<>(skips);
        bySpan.sort((p, q) -> Integer.compare(stages.indexOf(p) - p.skipFrom(), stages.indexOf(q) - q.skipFrom()));
        for (int level = 0; level < bySpan.size(); level++) {
            DiagramStage d = bySpan.get(level);
            int to = stages.indexOf(d);
            DiagramStage from = stages.get(d.skipFrom());
            int y = mid - MAX_H / 2 - 16 - 18 * level;
            int x1 = cx[d.skipFrom()];
            int x2 = cx[to];
            b.append(String.format(Locale.ROOT, "<path class=\"skip\" d=\"M%d,%d V%d H%d V%d\" fill=\"none\" stroke=\"#1f8a7a\" stroke-width=\"1.6\""
                            + " marker-end=\"url(#arch-arrow-skip)\"/>\n",
                    x1, blockTop(from, mid, maxRes) - 1, y, x2, blockTop(d, mid, maxRes) - 3));
            b.append(text((x1 + x2) / 2, y - 4, "skip " + from.shape() + " (concatenated)", "#1f8a7a", false));
        }
        return b.append("</svg>\n").toString();
    }

    /** The text under a stage's block: name, shape, operations, residual blocks, parameters. */
    private static List<String> labelLines(DiagramStage s) {
        List<String> lines = new ArrayList<>();
        lines.add(s.latent() ? s.name() + " (latent)" : s.name());
        lines.add(s.shape());
        if (s.role() == DiagramStage.Role.SIDE) {
            lines.add("quantised latent ŷ");
            lines.add("side branch");
            return lines;
        }
        if (!s.ops().isEmpty()) lines.add(s.ops().get(0));
        if (s.ops().size() > 1) lines.add(String.join(" · ", s.ops().subList(1, s.ops().size())));
        if (s.residualBlocks() > 0) lines.add("+" + s.residualBlocks() + " res. block" + (s.residualBlocks() > 1 ? "s" : "") + " ↺");
        if (s.role() != DiagramStage.Role.INPUT) lines.add(Numbers.count(s.parameters()) + " params");
        return lines;
    }

    private static void block(StringBuilder b, DiagramStage s, int cx, int mid, long maxRes, int labelTop) {
        if (s.role() == DiagramStage.Role.SIDE) {
            b.append(String.format(Locale.ROOT, "<g class=\"side\"><title>%s</title><circle cx=\"%d\" cy=\"%d\" r=\"13\" fill=\"#e4d3ef\" stroke=\"#7b4ea3\""
                    + " stroke-width=\"1.5\"/>", Page.esc(s.name() + ": " + String.join(", ", s.ops()) + ", " + Numbers.count(s.parameters())
                    + " parameters"), cx, mid));
            b.append(text(cx, mid + 4, "Q", "#4a2a6a", true)).append("</g>\n");
            int boxTop = mid + 40;
            b.append(line(cx, mid + 14, cx, boxTop - 2, "#7b4ea3", " stroke-dasharray=\"4 3\"", "arch-arrow"));
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"108\" height=\"48\" rx=\"6\" fill=\"#f3ebf8\" stroke=\"#7b4ea3\"/>\n",
                    cx - 54, boxTop));
            b.append(text(cx, boxTop + 15, "entropy model", "#4a2a6a", true));
            b.append(text(cx, boxTop + 29, "p(ŷ) → bits (rate)", "#4a2a6a", false));
            b.append(text(cx, boxTop + 43, Numbers.count(s.parameters()) + " params", "#4a2a6a", false));
        } else {
            int h = blockHeight(s, maxRes);
            int w = 2 * halfWidth(s);
            String[] colour = colours(s);
            b.append(String.format(Locale.ROOT, "<g class=\"block\"><title>%s</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"%s\""
                            + " stroke=\"%s\" stroke-width=\"1.5\"/></g>\n", Page.esc(tooltip(s)), cx - w / 2, mid - h / 2, w, h,
                    colour[0], colour[1]));
            if (s.latent()) b.append(text(cx, mid - h / 2 - 6, "latent", "#2e7d32", true));
            if (s.residualBlocks() > 0) {
                int bottom = mid + h / 2;
                int a = cx + Math.max(6, w / 4);
                int c = cx - Math.max(6, w / 4);
                b.append(String.format(Locale.ROOT, "<path class=\"loop\" d=\"M%d,%d C%d,%d %d,%d %d,%d\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.4\""
                        + " marker-end=\"url(#arch-arrow)\"/>\n", a, bottom + 1, a, bottom + 26, c, bottom + 26, c, bottom + 3));
            }
        }
        List<String> lines = labelLines(s);
        for (int i = 0; i < lines.size() && i < LINES; i++) {
            b.append(text(cx, labelTop + i * LINE, lines.get(i), i == 0 ? "#1d2330" : "#444", i == 0));
        }
    }

    private static String tooltip(DiagramStage s) {
        return s.name() + ": " + String.join(" · ", s.ops()) + (s.residualBlocks() > 0 ? " + " + s.residualBlocks() + " residual" : "")
                + " → " + s.shape() + ", " + Numbers.count(s.parameters()) + " parameters";
    }

    private static String[] colours(DiagramStage s) {
        if (s.latent()) return new String[]{"#b9e0b5", "#2e7d32"};
        return switch (s.role()) {
            case INPUT -> new String[]{"#d5dbe3", "#6b7785"};
            case ENCODER -> new String[]{"#b7cde6", "#4e79a7"};
            case DECODER -> new String[]{"#f7cfa6", "#d9731a"};
            case SIDE -> new String[]{"#e4d3ef", "#7b4ea3"};
        };
    }

    static int blockHeight(DiagramStage s, long maxRes) {
        return (int) Math.max(6, Math.round((double) MAX_H * s.height() / maxRes));
    }

    static int halfWidth(DiagramStage s) {
        if (s.role() == DiagramStage.Role.SIDE) return 13;
        double w = 10 + 15 * (Math.log(Math.max(1, s.channels())) / Math.log(2));
        return (int) Math.round(Math.max(14, w) / 2);
    }

    /** Wide enough for the block and for its longest label line, so neighbouring labels never overlap. */
    private static int colWidth(DiagramStage s) {
        int longest = labelLines(s).stream().mapToInt(String::length).max().orElse(0);
        return Math.max(Math.max(134, 2 * halfWidth(s) + 40), longest * CHAR_WIDTH + 16);
    }

    private static int blockTop(DiagramStage s, int mid, long maxRes) {
        return s.role() == DiagramStage.Role.SIDE ? mid - 13 : mid - blockHeight(s, maxRes) / 2;
    }

    private static String line(int x1, int y1, int x2, int y2, String colour, String extra, String marker) {
        return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\"%s marker-end=\"url(#%s)\"/>\n",
                x1, y1, x2, y2, colour, extra, marker);
    }

    private static String text(int x, int y, String s, String colour, boolean bold) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\"%s>%s</text>\n", x, y, colour,
                bold ? " font-weight=\"bold\"" : "", Page.esc(s));
    }
}
