package io.github.dl4jzoo.report;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one file that opens anywhere, offline, forever. Styles are inline, plots are PNGs in data
 * URIs, and there is no script: nothing to fetch, nothing to break.
 */
final class HtmlPage {
    private static final String CSS =
            """
            body { margin: 0; background: #fff; color: #1f2328;
                   font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
            main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 64px; }
            h1 { font-size: 26px; margin: 0 0 8px; }
            h2 { font-size: 20px; margin: 40px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
            h3 { font-size: 16px; margin: 28px 0 8px; }
            p, li { max-width: 80ch; }
            .muted, figcaption, caption { color: #59636e; font-size: 13px; }
            ul.findings { padding-left: 20px; margin: 8px 0 12px; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
            caption { text-align: left; padding: 0 0 6px; }
            th, td { padding: 5px 9px; border-bottom: 1px solid #e6e9ec; text-align: left; white-space: nowrap; }
            thead th { background: #f6f8fa; border-bottom: 1px solid #d0d7de; font-weight: 600;
                       white-space: normal; vertical-align: bottom; }
            .num { text-align: right; }
            tr.best td { font-weight: 600; }
            tr.baseline td { color: #59636e; font-style: italic; background: #fafbfc; }
            figure { margin: 20px 0; }
            figure img { display: block; max-width: 100%; height: auto; border: 1px solid #e6e9ec; }
            table.confusion td { text-align: right; min-width: 46px; border: 1px solid #fff; }
            table.confusion th { border-bottom: none; }
            table.confusion th.corner { font-weight: 400; color: #59636e; }
            table.confusion td.total { background: #f6f8fa; color: #1f2328; }
            dl.env { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: 14px; }
            dl.env dt { color: #59636e; }
            dl.env dd { margin: 0; font-family: "DejaVu Sans Mono", monospace; font-size: 13px; }
            pre { background: #f6f8fa; padding: 10px 14px; border-radius: 6px; overflow-x: auto; font-size: 13px; }
            """;

    // The heat-map scale runs from white to this blue; text turns white where the cell is dark.
    private static final int[] HEAT_RGB = {0x08, 0x51, 0x9C};
    private static final double WHITE_TEXT_FROM = 0.6;

    private HtmlPage() {}

    static String of(
            List<Section> sections, Map<Section, List<ComparisonReport.Plot>> plots, Map<String, String> environment) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>dl4j-zoo comparison</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>dl4j-zoo comparison</h1>\n<p class=\"muted\">")
                .append(esc(Pages.intro(sections)))
                .append("</p>\n");
        for (Section s : sections) {
            h.append("\n<section>\n<h2>").append(esc(s.title())).append("</h2>\n");
            h.append("<p class=\"muted\">").append(esc(Pages.ranking(s))).append("</p>\n");
            h.append("<ul class=\"findings\">\n");
            for (String finding : s.findings()) {
                h.append("<li>").append(esc(finding)).append("</li>\n");
            }
            h.append("</ul>\n");
            table(h, s);
            s.significanceNote()
                    .ifPresent(note ->
                            h.append("<p class=\"muted\">").append(esc(note)).append("</p>\n"));
            for (ComparisonReport.Plot p : plots.getOrDefault(s, List.of())) {
                figure(h, p);
            }
            Confusion.of(s).ifPresent(c -> confusion(h, c));
            h.append("</section>\n");
        }
        environment(h, environment);
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, Section s) {
        List<Column> columns = Column.of(s);
        h.append("<div class=\"scroll\">\n<table class=\"results\">\n<thead><tr><th class=\"num\">#</th>");
        for (Column c : columns) {
            h.append(c.numeric() ? "<th class=\"num\">" : "<th>")
                    .append(esc(c.header()))
                    .append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < s.ranked().size(); i++) {
            RecipeSummary r = s.ranked().get(i);
            String cls = r.isBaseline() ? " class=\"baseline\"" : i == 0 ? " class=\"best\"" : "";
            h.append("<tr")
                    .append(cls)
                    .append("><td class=\"num\">")
                    .append(i + 1)
                    .append("</td>");
            for (Column c : columns) {
                h.append(c.numeric() ? "<td class=\"num\">" : "<td>")
                        .append(esc(c.cell().apply(r)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n");
    }

    private static void figure(StringBuilder h, ComparisonReport.Plot p) {
        String data = Base64.getEncoder().encodeToString(Charts.png(List.of(p.image())));
        h.append("<figure><img src=\"data:image/png;base64,")
                .append(data)
                .append("\" width=\"")
                .append(p.image().getWidth())
                .append("\" height=\"")
                .append(p.image().getHeight())
                .append("\" alt=\"")
                .append(esc(p.caption()))
                .append("\"><figcaption>")
                .append(esc(p.caption()))
                .append(" Also in ")
                .append(esc(p.file()))
                .append(".</figcaption></figure>\n");
    }

    /**
     * A heat-map table: each cell shaded by its share of the true class's row (so a rare class reads as clearly as
     * a common one), with recall per row and precision per column at the edges.
     */
    private static void confusion(StringBuilder h, Confusion c) {
        int k = c.counts().length;
        h.append("<h3>Confusion matrix: ").append(esc(c.recipe())).append("</h3>\n");
        h.append("<div class=\"scroll\">\n<table class=\"confusion\">\n<caption>")
                .append(esc(c.caption()))
                .append(" Shade: the share of the row (square-root scale). Also in ")
                .append(esc(c.fileName()))
                .append(".</caption>\n<thead><tr><th class=\"corner\">true \\ predicted</th>");
        for (String name : c.classNames()) {
            h.append("<th class=\"num\">").append(esc(name)).append("</th>");
        }
        h.append("<th class=\"num\">recall</th></tr></thead>\n<tbody>\n");
        for (int t = 0; t < k; t++) {
            long row = c.rowTotal(t);
            h.append("<tr><th>").append(esc(c.classNames().get(t))).append("</th>");
            for (int p = 0; p < k; p++) {
                double share = row > 0 ? (double) c.counts()[t][p] / row : 0;
                h.append("<td style=\"")
                        .append(heat(share))
                        .append("\">")
                        .append(Formats.count(c.counts()[t][p]))
                        .append("</td>");
            }
            h.append("<td class=\"total\">")
                    .append(row > 0 ? Formats.fraction((double) c.counts()[t][t] / row) : Formats.NONE)
                    .append("</td></tr>\n");
        }
        h.append("<tr><th>precision</th>");
        for (int p = 0; p < k; p++) {
            long column = c.columnTotal(p);
            h.append("<td class=\"total\">")
                    .append(column > 0 ? Formats.fraction((double) c.counts()[p][p] / column) : Formats.NONE)
                    .append("</td>");
        }
        h.append("<td class=\"total\"></td></tr>\n</tbody>\n</table>\n</div>\n");
    }

    /** A square-root scale, so that a confusion of a few percent is visible next to a diagonal of ninety. */
    private static String heat(double share) {
        double shade = Math.sqrt(share);
        int[] rgb = new int[3];
        for (int i = 0; i < 3; i++) {
            rgb[i] = (int) Math.round(255 + (HEAT_RGB[i] - 255) * shade);
        }
        String text = shade >= WHITE_TEXT_FROM ? "#fff" : "#1f2328";
        return String.format(Locale.ROOT, "background:#%02x%02x%02x;color:%s", rgb[0], rgb[1], rgb[2], text);
    }

    private static void environment(StringBuilder h, Map<String, String> environment) {
        if (environment.keySet().stream().anyMatch(key -> !key.equals(Pages.COMMAND_KEY))) {
            h.append("\n<section>\n<h2>Environment</h2>\n<dl class=\"env\">\n");
            environment.forEach((key, value) -> {
                if (!key.equals(Pages.COMMAND_KEY)) {
                    h.append("<dt>")
                            .append(esc(key))
                            .append("</dt><dd>")
                            .append(esc(value))
                            .append("</dd>\n");
                }
            });
            h.append("</dl>\n</section>\n");
        }
        String command = environment.get(Pages.COMMAND_KEY);
        if (command != null) {
            h.append("\n<section>\n<h2>Reproduce</h2>\n<p>")
                    .append(esc(Pages.REPRODUCE))
                    .append("</p>\n<pre><code>")
                    .append(esc(command))
                    .append("</code></pre>\n</section>\n");
        }
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
