package io.github.dl4jzoo.report;

import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What a sweep adds to the comparison report: each grid point of each recipe against the test metric (mean ± sample
 * standard deviation over seeds) in {@code sweep.csv} and a section of {@code report.md}/{@code report.html}, and
 * one plot per swept key ({@code sweep-KEY.png}): the metric against the key's values, one line per recipe,
 * averaged over the seeds and the other keys' values.
 */
public final class SweepReport {
    public static final String SWEEP_CSV = "sweep.csv";

    /** One run of a sweep: the recipe it started from, the grid values it was trained with, its result. */
    public record Point(String recipe, Map<String, String> values, RunResult result) {}

    /** The runs of one recipe at one grid point, and their metric over seeds. */
    record Row(String recipe, Map<String, String> values, Stat metric, String metricName) {}

    private SweepReport() {}

    /** Adds the sweep's table and plots to a comparison report already written in {@code outDir}. */
    public static void write(Path outDir, List<String> keys, List<Point> points) throws IOException {
        List<Row> rows = rows(points);
        RunFolder.writeText(outDir.resolve(SWEEP_CSV), csv(keys, rows));
        List<String> plots = new ArrayList<>();
        for (String key : keys) {
            String file = "sweep-" + key.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
            ComparisonReport.writeBytes(outDir.resolve(file), Charts.png(List.of(Charts.image(plot(key, points)))));
            plots.add(file);
        }
        String md = markdown(keys, rows);
        Path reportMd = outDir.resolve(ComparisonReport.REPORT_MD);
        String page = Files.readString(reportMd, StandardCharsets.UTF_8);
        int env = page.indexOf("\n## Environment");
        String section = "\n## Swept values\n\n" + md
                + plots.stream().map(f -> "\n![" + f + "](" + f + ")\n").reduce("", String::concat);
        RunFolder.writeText(
                reportMd, env < 0 ? page + section : page.substring(0, env) + section + page.substring(env));
        Path reportHtml = outDir.resolve(ComparisonReport.REPORT_HTML);
        String html = Files.readString(reportHtml, StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("\n<section>\n<h2>Swept values</h2>\n<p class=\"muted\">")
                .append(HtmlPage.esc(intro()))
                .append("</p>\n<div class=\"scroll\">\n<table class=\"results\">\n<thead><tr><th>recipe</th>");
        keys.forEach(k -> h.append("<th>").append(HtmlPage.esc(k)).append("</th>"));
        h.append("<th class=\"num\">seeds</th><th class=\"num\">")
                .append(HtmlPage.esc(rows.get(0).metricName()))
                .append("</th></tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            h.append("<tr><td>").append(HtmlPage.esc(r.recipe())).append("</td>");
            keys.forEach(k -> h.append("<td>")
                    .append(HtmlPage.esc(r.values().getOrDefault(k, Formats.NONE)))
                    .append("</td>"));
            h.append("<td class=\"num\">")
                    .append(r.metric().n())
                    .append("</td><td class=\"num\">")
                    .append(HtmlPage.esc(metric(r)))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n");
        for (String f : plots) {
            h.append("<figure><img src=\"data:image/png;base64,")
                    .append(java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(outDir.resolve(f))))
                    .append("\" alt=\"")
                    .append(HtmlPage.esc(f))
                    .append("\"><figcaption>Also in ")
                    .append(HtmlPage.esc(f))
                    .append(".</figcaption></figure>\n");
        }
        h.append("</section>\n");
        RunFolder.writeText(reportHtml, html.replace("</main>", h + "</main>"));
    }

    private static String intro() {
        return "Each grid point of each recipe: its test metric as the mean ± the sample standard deviation over"
                + " seeds. One plot per swept key: the metric against the key's values, averaged over seeds and the"
                + " other keys.";
    }

    /** One row per recipe and grid point, in the order the points first appear. */
    static List<Row> rows(List<Point> points) {
        Map<List<Object>, List<Point>> groups = new LinkedHashMap<>();
        for (Point p : points) {
            groups.computeIfAbsent(List.of(p.recipe(), p.values()), k -> new ArrayList<>())
                    .add(p);
        }
        List<Row> rows = new ArrayList<>();
        groups.values()
                .forEach(g -> rows.add(new Row(
                        g.get(0).recipe(),
                        g.get(0).values(),
                        Stat.of(g.stream()
                                .mapToDouble(p -> p.result().test().headline())
                                .toArray()),
                        metricName(g.get(0).result()))));
        return rows;
    }

    static String markdown(List<String> keys, List<Row> rows) {
        StringBuilder md = new StringBuilder(intro()).append("\n\n| recipe |");
        keys.forEach(k -> md.append(' ').append(k).append(" |"));
        md.append(" seeds | ").append(rows.get(0).metricName()).append(" |\n|---|");
        keys.forEach(k -> md.append("---|"));
        md.append("--:|--:|\n");
        for (Row r : rows) {
            md.append("| ").append(r.recipe()).append(" |");
            keys.forEach(k -> md.append(' ')
                    .append(r.values().getOrDefault(k, Formats.NONE))
                    .append(" |"));
            md.append(' ')
                    .append(r.metric().n())
                    .append(" | ")
                    .append(metric(r))
                    .append(" |\n");
        }
        return md.toString();
    }

    static String csv(List<String> keys, List<Row> rows) {
        List<String> header = new ArrayList<>(List.of("recipe"));
        header.addAll(keys);
        header.addAll(List.of("metric", "seeds", "mean", "std"));
        StringBuilder csv = new StringBuilder(Csv.line(header));
        for (Row r : rows) {
            List<String> row = new ArrayList<>(List.of(r.recipe()));
            keys.forEach(k -> row.add(r.values().getOrDefault(k, "")));
            row.addAll(List.of(
                    r.metricName(),
                    Integer.toString(r.metric().n()),
                    Formats.csv(r.metric().mean()),
                    Formats.csv(r.metric().std())));
            csv.append(Csv.line(row));
        }
        return csv.toString();
    }

    private static String metric(Row r) {
        return Column.withStd(r.metric(), r.metricName().equals("accuracy") ? Formats::fraction : Column::error);
    }

    private static String metricName(RunResult r) {
        return r.test().higherIsBetter() ? "accuracy" : "RMSE";
    }

    /** The metric against one key's values (in the order given), one line per recipe with its spread as bars. */
    static XYChart plot(String key, List<Point> points) {
        List<String> values = new ArrayList<>();
        points.forEach(p -> {
            String v = p.values().get(key);
            if (v != null && !values.contains(v)) {
                values.add(v);
            }
        });
        String metric = metricName(points.get(0).result());
        XYChart chart = Charts.xyChart("test " + metric + " against " + key, key, metric);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
            int i = (int) Math.round(x);
            return Math.abs(x - i) < 1e-9 && i >= 0 && i < values.size() ? values.get(i) : "";
        });
        chart.getStyler().setXAxisMin(-0.5).setXAxisMax(values.size() - 0.5);
        Map<String, List<Point>> byRecipe = new LinkedHashMap<>();
        points.forEach(p ->
                byRecipe.computeIfAbsent(p.recipe(), k -> new ArrayList<>()).add(p));
        byRecipe.forEach((recipe, own) -> {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>(), err = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                double[] at = own.stream()
                        .filter(p -> v.equals(p.values().get(key)))
                        .mapToDouble(p -> p.result().test().headline())
                        .toArray();
                if (at.length > 0) {
                    Stat s = Stat.of(at);
                    x.add((double) i);
                    y.add(s.mean());
                    err.add(Double.isFinite(s.std()) ? s.std() : 0);
                }
            }
            XYSeries series = chart.addSeries(recipe, x, y, err);
            series.setMarker(SeriesMarkers.CIRCLE);
        });
        return chart;
    }

    /** A label of a grid point, as the comparison tables show it: "mlp updater.lr=0.001". */
    public static String label(String recipe, Map<String, String> values) {
        StringBuilder s = new StringBuilder(recipe);
        values.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        return s.toString();
    }
}
