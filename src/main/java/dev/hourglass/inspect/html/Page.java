package dev.hourglass.inspect.html;

import dev.hourglass.inspect.Table;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One self-contained HTML page being written: sections with a table of contents, numbered
 * figures (inline SVG or PNG, each with alt text and a caption), tables. A Content-Security-Policy
 * forbids every network load, scripts included, so the page provably works offline.
 */
final class Page {

    static final String CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    private static final String CSS = """
            body{font-family:system-ui,"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#1d2330;background:#fff;
            max-width:1100px;margin:0 auto;padding:24px 28px 60px;line-height:1.45}
            h1{font-size:1.7em;margin:0 0 .2em}h2{margin-top:2em;border-bottom:2px solid #d8dde6;padding-bottom:.2em}
            nav ol{columns:2;font-size:.95em}code,pre{font-family:"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.9em}
            figure{margin:1.4em 0;padding:12px;border:1px solid #d8dde6;border-radius:6px;background:#fbfcfe}
            figure svg,figure img{display:block;max-width:100%;height:auto;margin:0 auto}
            figcaption{margin-top:.6em;font-size:.93em;color:#333}figcaption b{color:#1d2330}
            table{border-collapse:collapse;margin:.8em 0;font-size:.86em}th,td{border:1px solid #d8dde6;padding:3px 8px;text-align:left}
            th{background:#eef1f6}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            details{margin:.8em 0}summary{cursor:pointer;color:#2a5db0}.ok{color:#1a7f37}.no{color:#c62828;font-weight:bold}
            .facts{display:flex;flex-wrap:wrap;gap:8px 26px;margin:.6em 0}.facts div{min-width:150px}.facts b{display:block;font-size:1.25em}
            pre{overflow-x:auto}pre.md{white-space:pre-wrap;background:#f6f8fa;padding:12px;border-radius:6px}
            """;

    private final String title;
    private final List<String[]> sections = new ArrayList<>(); // {id, heading}
    private final StringBuilder body = new StringBuilder();
    private int figures;
    private String intro = "";

    Page(String title) {
        this.title = title;
    }

    void section(String id, String heading) {
        sections.add(new String[]{id, heading});
        body.append("\n<section id=\"").append(id).append("\">\n<h2>").append(esc(heading)).append("</h2>\n");
    }

    void endSection() {
        body.append("</section>\n");
    }

    /** Raw HTML, already escaped by the caller. */
    void html(String html) {
        body.append(html).append('\n');
    }

    void paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
    }

    /** An inline SVG figure: {@code alt} becomes its accessible name and title, {@code caption} states the numbers in words. */
    void svgFigure(String id, String svg, String alt, String caption) {
        int open = svg.indexOf("<svg");
        int end = svg.indexOf('>', open);
        if (open < 0 || end < 0) throw new IllegalStateException("not an SVG element: " + id);
        String tag = svg.substring(open, end).replaceFirst("\\s*/$", "");
        String svgOut = tag + " role=\"img\" aria-label=\"" + esc(alt) + "\"><title>" + esc(alt) + "</title>" + svg.substring(end + 1);
        figure(id, svgOut, caption);
    }

    /** A PNG figure shown at {@code width} CSS pixels at most. */
    void pngFigure(String id, byte[] png, int width, String alt, String caption) {
        String img = "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\" width=\"" + width
                + "\" alt=\"" + esc(alt) + "\">";
        figure(id, img, caption);
    }

    private void figure(String id, String content, String caption) {
        figures++;
        body.append("<figure id=\"").append(id).append("\">\n").append(content).append("\n<figcaption><b>Figure ").append(figures)
                .append(".</b> ").append(esc(caption)).append("</figcaption>\n</figure>\n");
    }

    /** A table under a short heading; {@code folded} puts long ones in a details element (still copyable when opened). */
    void table(String heading, Table t, boolean folded) {
        if (folded) {
            body.append("<details><summary>").append(esc(heading)).append(" (").append(t.size()).append(" rows)</summary>\n")
                    .append(t.html()).append("</details>\n");
        } else {
            body.append("<h3>").append(esc(heading)).append("</h3>\n").append(t.html());
        }
    }

    String html() {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n");
        b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        b.append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        b.append(intro);
        b.append("<nav aria-label=\"Contents\"><ol>\n");
        for (String[] s : sections) b.append("<li><a href=\"#").append(s[0]).append("\">").append(esc(s[1])).append("</a></li>\n");
        b.append("</ol></nav>\n").append(body).append("</body>\n</html>\n");
        return b.toString();
    }

    /** HTML shown under the title, before the table of contents. */
    void intro(String html) {
        intro = html + "\n";
    }

    static String esc(String s) {
        return Table.htmlEscape(s);
    }
}
