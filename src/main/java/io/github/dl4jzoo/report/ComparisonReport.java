package io.github.dl4jzoo.report;

import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a comparison: tables for programs ({@code results.csv}, {@code results.json}), pages for people
 * ({@code report.md}, {@code report.html}, one self-contained file) and the plots as PNGs. What has no data is
 * left out: no forecast without forecasters, no validation curve for a recipe that held out nothing.
 */
public final class ComparisonReport {
    public static final String RESULTS_CSV = "results.csv";
    public static final String RESULTS_JSON = "results.json";
    public static final String REPORT_MD = "report.md";
    public static final String REPORT_HTML = "report.html";
    public static final String LEARNING_CURVES_PNG = "learning-curves.png";
    public static final String ACCURACY_VS_PARAMS_PNG = "accuracy-vs-params.png";
    public static final String FORECAST_PNG = "forecast.png";

    private static final List<String> PLOT_FILES = List.of(LEARNING_CURVES_PNG, ACCURACY_VS_PARAMS_PNG, FORECAST_PNG);

    /** A chart of one section, and the file that collects the same chart of every section. */
    record Plot(String file, String caption, BufferedImage image) {}

    private ComparisonReport() {}

    /**
     * Writes the comparison of {@code results} into {@code outDir} (created if needed). Several results of one
     * recipe are its seeds: they are summarised as mean and sample standard deviation. {@code environment} is
     * printed below the tables in its iteration order (pass a {@code LinkedHashMap}); its entry {@code command}
     * is shown as the way to reproduce the comparison.
     */
    public static void write(Path outDir, List<RunResult> results, Map<String, String> environment) throws IOException {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results to compare");
        }
        List<Section> sections = Section.of(RecipeSummary.of(results));
        Files.createDirectories(outDir);
        removeOldPlots(outDir);
        writeText(outDir.resolve(RESULTS_CSV), ResultsFiles.csv(sections));
        Json.write(outDir.resolve(RESULTS_JSON), ResultsFiles.json(sections, environment));

        Map<Section, List<Plot>> plots = plots(sections);
        for (String file : PLOT_FILES) {
            List<BufferedImage> panels = plots.values().stream()
                    .flatMap(List::stream)
                    .filter(p -> p.file().equals(file))
                    .map(Plot::image)
                    .toList();
            if (!panels.isEmpty()) {
                writeBytes(outDir.resolve(file), Charts.png(panels));
            }
        }
        for (Section s : sections) {
            Optional<Confusion> confusion = Confusion.of(s);
            if (confusion.isPresent()) {
                Confusion c = confusion.get();
                BufferedImage image = Charts.image(Charts.confusion(c.title(), c.classNames(), c.counts()));
                writeBytes(outDir.resolve(c.fileName()), Charts.png(List.of(image)));
            }
        }
        writeText(outDir.resolve(REPORT_MD), MarkdownPage.of(sections, environment));
        writeText(outDir.resolve(REPORT_HTML), HtmlPage.of(sections, plots, environment));
    }

    private static Map<Section, List<Plot>> plots(List<Section> sections) {
        Map<Section, List<Plot>> plots = new LinkedHashMap<>();
        for (Section s : sections) {
            List<Plot> list = new ArrayList<>();
            Charts.learningCurves(s)
                    .ifPresent(c -> list.add(new Plot(LEARNING_CURVES_PNG, learningCurvesCaption(s), Charts.image(c))));
            if (s.classification()) {
                Charts.accuracyVsParameters(s)
                        .ifPresent(c -> list.add(new Plot(
                                ACCURACY_VS_PARAMS_PNG,
                                "Test accuracy against the number of parameters (log scale); bars are one standard"
                                        + " deviation over seeds.",
                                Charts.image(c))));
            }
            Charts.forecast(s)
                    .ifPresent(c -> list.add(new Plot(
                            FORECAST_PNG,
                            "The test period: the truth (black) and each model's forecast; baselines dashed.",
                            Charts.image(c))));
            plots.put(s, list);
        }
        return plots;
    }

    private static String learningCurvesCaption(Section s) {
        List<String> without = s.ranked().stream()
                .filter(r -> !r.isBaseline() && !r.hasValidation())
                .map(RecipeSummary::recipe)
                .toList();
        if (without.size() == s.ranked().stream().filter(r -> !r.isBaseline()).count()) {
            return "Training loss per epoch, one line per recipe (mean over seeds): no recipe held out validation data.";
        }
        String caption = "Validation " + s.headlineName() + " per epoch, one line per recipe (mean over seeds).";
        if (!without.isEmpty()) {
            caption += " No validation split, so no line: " + String.join(", ", without) + ".";
        }
        return caption;
    }

    /**
     * A report folder may be written again with other results: a plot left from before (a forecast when there
     * are no forecasters now) would be read as part of this comparison.
     */
    private static void removeOldPlots(Path outDir) throws IOException {
        for (String file : PLOT_FILES) {
            Files.deleteIfExists(outDir.resolve(file));
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(outDir, "confusion-*.png")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
    }

    private static void writeText(Path file, String text) {
        RunFolder.writeText(file, text);
    }

    /** Through a temporary file and an atomic rename, as every file of a run or comparison. */
    static void writeBytes(Path file, byte[] bytes) {
        RunFolder.write(file, tmp -> Files.write(tmp, bytes));
    }
}
