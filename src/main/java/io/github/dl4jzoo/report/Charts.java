package io.github.dl4jzoo.report;

import io.github.dl4jzoo.train.EpochStats;
import io.github.dl4jzoo.train.GradientStats;
import io.github.dl4jzoo.train.RunResult;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's plots, drawn with XChart. Each method returns a chart or nothing when there is nothing to draw. */
final class Charts {
    static final int WIDTH_PX = 1000;
    static final int HEIGHT_PX = 440;
    private static final int CONFUSION_SIDE_PX = 760;
    private static final int LINE_MARKER_PX = 6;
    private static final int SCATTER_MARKER_PX = 11;
    // Room around the outermost points of a scatter: a share of the span, at least an absolute amount.
    private static final double MARGIN_SHARE = 0.08;
    private static final double MIN_ACCURACY_MARGIN = 0.005;
    private static final double LOG_AXIS_MARGIN_FACTOR = 2;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color GRID = new Color(0xE6E9EC);
    private static final Color TRUTH = new Color(0x1F2328);

    // Tableau 10 with its yellow and grey darkened: every line must stand out on white.
    private static final Color[] SERIES_COLORS = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x499894), new Color(0x59A14F),
        new Color(0xB6992D), new Color(0xB07AA1), new Color(0xD37295), new Color(0x9D7660), new Color(0x79706E)
    };

    static {
        // Reports are written on machines with no display (CI, servers); XChart draws with AWT.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** A run's own curves: training and validation loss, and the validation metric when there is one. */
    static List<XYChart> runCurves(RunResult r) {
        List<XYChart> panels = new ArrayList<>();
        XYChart loss = xyChart(r.recipe() + " (seed " + r.seed() + "): loss per epoch", "epoch", "loss");
        addLine(loss, "training", column(r.history(), EpochStats::trainLoss));
        addLine(loss, "validation", column(r.history(), EpochStats::validationLoss));
        if (!loss.getSeriesMap().isEmpty()) {
            panels.add(loss);
        }
        String metric = validationMetricName(r);
        XYChart validation =
                xyChart(r.recipe() + " (seed " + r.seed() + "): " + metric + " per epoch", "epoch", metric);
        addLine(validation, metric, column(r.history(), EpochStats::validationMetric));
        if (!validation.getSeriesMap().isEmpty()) {
            validation.getStyler().setLegendVisible(false);
            panels.add(validation);
        }
        return panels;
    }

    /**
     * A run's per-layer gradient statistics ({@code --gradients}), one panel each for the gradient's L2 norm, the
     * parameters' L2 norm and the update:parameter ratio, on log axes (orders of magnitude apart is the point):
     * one line per layer, by epoch. A value that a log axis cannot show (zero: a step network's gradient) is left
     * out, and a panel with nothing to show is dropped.
     */
    static List<XYChart> gradientCurves(String title, List<GradientStats.Row> rows) {
        List<XYChart> panels = new ArrayList<>();
        List<String> names = List.of("gradient L2 norm", "parameter L2 norm", "update:parameter ratio");
        List<ToDoubleFunction<GradientStats.Row>> values =
                List.of(GradientStats.Row::gradientL2, GradientStats.Row::parameterL2, GradientStats.Row::updateRatio);
        for (int p = 0; p < names.size(); p++) {
            XYChart chart = xyChart(title + ": " + names.get(p) + " per layer", "epoch", names.get(p) + " (log scale)");
            chart.getStyler().setYAxisLogarithmic(true);
            Map<String, Map<Integer, Double>> byLayer = new java.util.LinkedHashMap<>();
            for (GradientStats.Row r : rows) {
                double v = values.get(p).applyAsDouble(r);
                Map<Integer, Double> points = byLayer.computeIfAbsent(r.layer(), k -> new TreeMap<>());
                if (v > 0 && Double.isFinite(v)) {
                    points.put(r.epoch(), v);
                }
            }
            byLayer.forEach((layer, points) -> addLine(chart, layer, points));
            if (!chart.getSeriesMap().isEmpty()) {
                panels.add(chart);
            }
        }
        return panels;
    }

    /**
     * One series per recipe: the validation metric per epoch, averaged over seeds. A recipe with no validation
     * split has no curve; when no recipe in the section has one, the training loss is drawn instead, so that the
     * section still shows how training went.
     */
    static Optional<XYChart> learningCurves(Section s) {
        boolean anyValidation = s.ranked().stream().anyMatch(RecipeSummary::hasValidation);
        ToDoubleFunction<EpochStats> value = anyValidation ? EpochStats::validationMetric : EpochStats::trainLoss;
        String name = anyValidation ? validationMetricName(s.best().runs().get(0)) : "training loss";
        XYChart chart = xyChart(s.dataset() + ": " + name + " per epoch", "epoch", name);
        for (RecipeSummary r : s.ranked()) {
            addLine(chart, r.recipe(), meanOverSeeds(r, value));
        }
        return chart.getSeriesMap().isEmpty() ? Optional.empty() : Optional.of(chart);
    }

    /** Test accuracy against parameter count, log-x, one point per recipe with its seeds' standard deviation. */
    static Optional<XYChart> accuracyVsParameters(Section s) {
        XYChart chart =
                xyChart(s.dataset() + ": test accuracy against parameters", "parameters (log scale)", "accuracy");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(SCATTER_MARKER_PX);
        // A tick-label function would make XChart label the axis as if it were linear; a pattern keeps the log ticks.
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        double minX = Double.MAX_VALUE, maxX = 0, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (RecipeSummary r : s.ranked()) {
            Stat accuracy = r.stat(Measure.ACCURACY);
            if (r.parameters() <= 0 || !Double.isFinite(accuracy.mean())) {
                continue; // nothing to place on a log axis
            }
            double[] x = {r.parameters()};
            double[] y = {accuracy.mean()};
            double bar = Double.isFinite(accuracy.std()) ? accuracy.std() : 0;
            XYSeries point =
                    bar > 0 ? chart.addSeries(r.recipe(), x, y, new double[] {bar}) : chart.addSeries(r.recipe(), x, y);
            point.setMarker(SeriesMarkers.CIRCLE);
            minX = Math.min(minX, x[0]);
            maxX = Math.max(maxX, x[0]);
            minY = Math.min(minY, y[0] - bar);
            maxY = Math.max(maxY, y[0] + bar);
        }
        if (chart.getSeriesMap().isEmpty()) {
            return Optional.empty();
        }
        // XChart would otherwise draw the outermost points on the plot's edge.
        double padY = Math.max((maxY - minY) * MARGIN_SHARE, MIN_ACCURACY_MARGIN);
        chart.getStyler().setXAxisMin(minX / LOG_AXIS_MARGIN_FACTOR).setXAxisMax(maxX * LOG_AXIS_MARGIN_FACTOR);
        chart.getStyler().setYAxisMin(minY - padY).setYAxisMax(maxY + padY);
        return Optional.of(chart);
    }

    /** Counts with the true class down the side (first class at the top), the predicted class along the bottom. */
    static HeatMapChart confusion(String title, List<String> classNames, long[][] counts) {
        int k = counts.length;
        List<String> predicted = new ArrayList<>(classNames);
        List<String> truth = new ArrayList<>(classNames);
        Collections.reverse(truth);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - t, counts[t][p]});
            }
        }
        // The builder, not the (width, height) constructor: in XChart 3.8.8 only the builder sets up the
        // styler's number formats, and without them painting fails or draws nothing.
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(CONFUSION_SIDE_PX)
                .height(CONFUSION_SIDE_PX)
                .title(title)
                .xAxisTitle("predicted class")
                .yAxisTitle("true class")
                .build();
        chart.addSeries("count", predicted, truth, cells);
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(TITLE_FONT);
        styler.setAxisTitleFont(TEXT_FONT);
        styler.setAxisTickLabelsFont(TEXT_FONT);
        styler.setChartTitleBoxVisible(false);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesVisible(false);
        // The counts are written in the cells, so the colour scale's legend would only repeat them.
        styler.setLegendVisible(false);
        styler.setShowValue(true);
        styler.setValueFont(TEXT_FONT);
        styler.setValueFontColor(TRUTH);
        styler.setHeatMapValueDecimalPattern("#,##0");
        // Light enough at the top of the scale for the dark count to stay readable.
        styler.setRangeColors(new Color[] {Color.WHITE, new Color(0xC6DBEF), new Color(0x6BAED6)});
        styler.setXAxisLabelRotation(30);
        return chart;
    }

    /** The test period: the truth in black, each model's forecast over it (baselines dashed). */
    static Optional<XYChart> forecast(Section s) {
        if (!s.task().equals("forecasting")) {
            return Optional.empty(); // others keep their test predictions for the significance tests only
        }
        RunResult.Predictions truth = null;
        for (RecipeSummary r : s.ranked()) {
            RunResult.Predictions f = r.runs().get(0).predictions();
            if (f != null && (truth == null || f.truth().length > truth.truth().length)) {
                truth = f;
            }
        }
        if (truth == null || truth.truth().length == 0) {
            return Optional.empty();
        }
        List<String> dates = truth.dates();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < dates.size(); i++) {
            position.put(dates.get(i), i);
        }
        XYChart chart = xyChart(s.dataset() + ": test-period forecasts", dates.isEmpty() ? "step" : "date", "value");
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> dateAt(dates, x));
        for (RecipeSummary r : s.ranked()) {
            RunResult first = r.runs().get(0);
            RunResult.Predictions f = first.predictions();
            if (f == null || f.predicted().length == 0) {
                continue;
            }
            // Place each model's predictions at its own dates (a baseline may cover a different stretch); a
            // diverged model's NaN predictions are left out rather than breaking the axis.
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (int i = 0; i < f.predicted().length; i++) {
                if (Double.isFinite(f.predicted()[i])) {
                    x.add((double)
                            (i < f.dates().size()
                                    ? position.getOrDefault(f.dates().get(i), i)
                                    : i));
                    y.add(f.predicted()[i]);
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            String name = r.runs().size() > 1 ? r.recipe() + " (seed " + first.seed() + ")" : r.recipe();
            XYSeries series = chart.addSeries(name, x, y);
            series.setMarker(SeriesMarkers.NONE);
            if (r.isBaseline()) {
                series.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        // Added last so that it is drawn on top of the forecasts.
        XYSeries truthSeries = chart.addSeries("truth", steps(truth.truth().length), truth.truth());
        truthSeries.setLineColor(TRUTH);
        truthSeries.setLineWidth(3f);
        truthSeries.setMarker(SeriesMarkers.NONE);
        return Optional.of(chart);
    }

    static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The panels stacked top to bottom in one PNG. */
    static byte[] png(List<BufferedImage> images) {
        int width = images.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int height = images.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage stacked = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = stacked.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (BufferedImage image : images) {
            g.drawImage(image, 0, y, null);
            y += image.getHeight();
        }
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(stacked, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory cannot fail
        }
        return bytes.toByteArray();
    }

    static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChart(WIDTH_PX, HEIGHT_PX);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(GRID);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(TITLE_FONT);
        styler.setAxisTitleFont(TEXT_FONT);
        styler.setAxisTickLabelsFont(TEXT_FONT);
        styler.setLegendFont(TEXT_FONT);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setSeriesColors(SERIES_COLORS);
        styler.setMarkerSize(LINE_MARKER_PX);
        return chart;
    }

    /** The finite values of one column of a history by epoch; NaN epochs (no validation data) are left out. */
    private static Map<Integer, Double> column(List<EpochStats> history, ToDoubleFunction<EpochStats> value) {
        Map<Integer, Double> points = new TreeMap<>();
        for (EpochStats e : history) {
            double v = value.applyAsDouble(e);
            if (Double.isFinite(v)) {
                points.put(e.epoch(), v);
            }
        }
        return points;
    }

    /** One column of a recipe's histories by epoch, averaged over the seeds that reached that epoch. */
    private static Map<Integer, Double> meanOverSeeds(RecipeSummary r, ToDoubleFunction<EpochStats> value) {
        Map<Integer, double[]> sumAndCount = new TreeMap<>();
        for (RunResult run : r.runs()) {
            column(run.history(), value).forEach((epoch, v) -> {
                double[] acc = sumAndCount.computeIfAbsent(epoch, k -> new double[2]);
                acc[0] += v;
                acc[1]++;
            });
        }
        Map<Integer, Double> mean = new TreeMap<>();
        sumAndCount.forEach((epoch, acc) -> mean.put(epoch, acc[0] / acc[1]));
        return mean;
    }

    private static void addLine(XYChart chart, String name, Map<Integer, Double> points) {
        if (!points.isEmpty()) {
            chart.addSeries(name, new ArrayList<>(points.keySet()), new ArrayList<>(points.values()))
                    .setMarker(SeriesMarkers.CIRCLE);
        }
    }

    private static String validationMetricName(RunResult r) {
        return r.test().higherIsBetter() ? "validation accuracy" : "validation RMSE";
    }

    private static double[] steps(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    /** Tick labels of a forecast: the date at a whole step, nothing between steps. */
    private static String dateAt(List<String> dates, double x) {
        long i = Math.round(x);
        if (Math.abs(x - i) > 1e-9) {
            return "";
        }
        if (i >= 0 && i < dates.size()) {
            return dates.get((int) i);
        }
        return Long.toString(i);
    }
}
