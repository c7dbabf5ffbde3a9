package dev.hourglass.inspect;

import java.util.ArrayList;
import java.util.List;

/** A plain table of strings rendered as aligned text, Markdown, CSV or HTML; it never computes. */
public final class Table {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** Headers starting with '>' are right-aligned (numbers); the '>' is not printed. */
    public Table(String... headers) {
        this.headers = new ArrayList<>();
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers.add(rightAligned[i] ? headers[i].substring(1) : headers[i]);
        }
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalStateException("expected " + headers.size() + " cells but got " + cells.length);
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(String.valueOf(c));
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public String text() {
        int[] w = new int[headers.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = headers.get(i).length();
            for (List<String> r : rows) w[i] = Math.max(w[i], r.get(i).length());
        }
        StringBuilder b = new StringBuilder();
        line(b, headers, w);
        int total = 0;
        for (int x : w) total += x;
        b.append("-".repeat(total + 2 * (w.length - 1))).append('\n');
        for (List<String> r : rows) line(b, r, w);
        return b.toString();
    }

    private void line(StringBuilder b, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(w[i] - c.length());
            l.append(rightAligned[i] ? pad + c : c + pad);
            if (i < cells.size() - 1) l.append("  ");
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    public String markdown() {
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", headers.stream().map(Table::escape).toList())).append(" |\n|");
        for (boolean r : rightAligned) b.append(r ? "---:|" : "---|");
        b.append('\n');
        for (List<String> r : rows) {
            b.append("| ").append(String.join(" | ", r.stream().map(Table::escape).toList())).append(" |\n");
        }
        return b.toString();
    }

    /** An HTML {@code <table>} (cells escaped, numbers right-aligned), for pages where tables must stay copyable. */
    public String html() {
        StringBuilder b = new StringBuilder("<table>\n<thead><tr>");
        for (int i = 0; i < headers.size(); i++) b.append(cell("th", headers.get(i), rightAligned[i]));
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            b.append("<tr>");
            for (int i = 0; i < r.size(); i++) b.append(cell("td", r.get(i), rightAligned[i]));
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    private static String cell(String tag, String text, boolean right) {
        return "<" + tag + (right ? " class=\"num\">" : ">") + htmlEscape(text) + "</" + tag + ">";
    }

    /** Text made safe for HTML element content and attribute values. */
    public static String htmlEscape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }

    public String csv() {
        StringBuilder b = new StringBuilder(String.join(",", headers.stream().map(Table::csvCell).toList())).append('\n');
        for (List<String> r : rows) b.append(String.join(",", r.stream().map(Table::csvCell).toList())).append('\n');
        return b.toString();
    }

    private static final java.util.regex.Pattern GROUPED_NUMBER = java.util.regex.Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    /** CSV holds plain numbers: thousands separators are dropped ("1,088" → 1088); text with a comma is quoted. */
    private static String csvCell(String c) {
        if (GROUPED_NUMBER.matcher(c).matches()) return c.replace(",", "");
        return c.contains(",") || c.contains("\"") || c.contains("\n") ? "\"" + c.replace("\"", "\"\"") + "\"" : c;
    }
}
