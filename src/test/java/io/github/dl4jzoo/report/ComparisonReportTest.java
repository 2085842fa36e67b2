package io.github.dl4jzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dl4jzoo.train.RunResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A comparison of hand-made results: exact tables, parsed JSON, ranked pages, one self-contained HTML file. */
class ComparisonReportTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeOnce() throws IOException {
        ComparisonReport.write(dir, HandMade.comparison(), HandMade.environment());
    }

    @Test
    void resultsCsvHasOneRowPerRecipeWithMeanAndStdOverSeeds() throws IOException {
        assertEquals(
                """
                recipe,family,task,dataset,seeds,runs,parameters,stop_reason,epochs_mean,epochs_std,\
                train_seconds_mean,train_seconds_std,train_samples_per_second_mean,train_samples_per_second_std,\
                inference_samples_per_second_mean,inference_samples_per_second_std,latency_ms_p50_mean,\
                latency_ms_p50_std,peak_heap_mb_mean,peak_heap_mb_std,peak_resident_mb_mean,peak_resident_mb_std,\
                accuracy_mean,accuracy_std,macro_precision_mean,macro_precision_std,macro_recall_mean,\
                macro_recall_std,macro_f1_mean,macro_f1_std,mse_mean,mse_std,rmse_mean,rmse_std,mae_mean,mae_std,\
                r2_mean,r2_std,p_vs_best,p_test
                cnn,cnn,classification,toy-images,1,1,5000,epochs,3,,12.5,,2000,,50000,,0.25,,256,,64,,\
                0.9,,0.95,,0.85,,0.88,,,,,,,,,,,
                mlp,mlp,classification,toy-images,1 2 3,3,1000,epochs,3,0,12.5,0,2000,0,50000,0,0.25,0,256,0,64,0,\
                0.82,0.02,0.87,0.02,0.77,0.02,0.8,0.02,,,,,,,,,0.0625,mcnemar-exact
                linear,linear,classification,toy-images,1,1,100,epochs,3,,12.5,,2000,,50000,,0.25,,256,,64,,\
                0.7,,0.75,,0.65,,0.68,,,,,,,,,,0.001953125,mcnemar-exact
                lstm-forecast,lstm,forecasting,toy-series,7,1,800,epochs,3,,3,,400,,20000,,0.5,,128,,32,,\
                ,,,,,,,,0.25,,0.5,,0.5,,0.875,,,
                last-value,baseline,forecasting,toy-series,7,1,0,no training,0,,0,,,,1000000,,0.001,,8,,0,,\
                ,,,,,,,,0.5625,,0.75,,0.75,,0.71875,,,
                mlp-forecast,mlp,forecasting,toy-series,7,1,50,epochs,3,,3,,400,,20000,,0.5,,128,,32,,\
                ,,,,,,,,1,,1,,1,,0.5,,,
                seasonal-naive,baseline,forecasting,toy-series,7,1,0,no training,0,,0,,,,1000000,,0.001,,8,,0,,\
                ,,,,,,,,4,,2,,2,,-1,,,
                """,
                Files.readString(dir.resolve("results.csv")));
    }

    @Test
    void resultsJsonKeepsEverySeed() throws IOException {
        JsonNode root = Json.MAPPER.readTree(dir.resolve("results.json").toFile());
        assertEquals(
                "./zoo compare --seeds 3",
                root.get("environment").get("command").asText());
        JsonNode recipes = root.get("recipes");
        assertEquals(7, recipes.size());

        JsonNode mlp = recipes.get(1);
        assertEquals("mlp", mlp.get("recipe").asText());
        assertEquals("[1,2,3]", mlp.get("seeds").toString());
        assertEquals(0.82, mlp.get("summary").get("accuracy").get("mean").asDouble(), 1e-12);
        assertEquals(0.02, mlp.get("summary").get("accuracy").get("std").asDouble(), 1e-12);
        assertFalse(mlp.get("summary").has("rmse"), "RMSE does not apply to a classifier");
        JsonNode runs = mlp.get("runs");
        assertEquals(3, runs.size());
        assertEquals(2, runs.get(1).get("seed").asLong());
        assertEquals(0.82, runs.get(1).get("test").get("accuracy").asDouble());
        assertEquals(256_000_000L, runs.get(1).get("peak_heap_bytes").asLong());

        JsonNode cnn = recipes.get(0);
        assertTrue(cnn.get("summary").get("accuracy").get("std").isNull(), "no deviation over one seed");

        JsonNode lastValue = recipes.get(4);
        assertEquals("last-value", lastValue.get("recipe").asText());
        assertEquals(0.75, lastValue.get("summary").get("rmse").get("mean").asDouble());
        assertTrue(lastValue.get("runs").get(0).get("train_samples_per_second").isNull(), "NaN is null");
    }

    @Test
    void markdownRanksEachSectionBestFirstWithBaselinesAmongTheNetworks() throws IOException {
        assertEquals(
                """
                # dl4j-zoo comparison

                7 recipes, 9 runs. Each table ranks the recipes of one task on one dataset, best first. With several \
                seeds a value is the mean ± the sample standard deviation (n − 1) over the seeds. Speeds are measured \
                on the machine below; memory is each run's peak heap and peak resident set (heap, native code and ND4J buffers), in MB (10⁶ bytes).

                ## Classification: toy-images

                Ranked by test accuracy (higher is better).

                - Best: cnn, accuracy 0.9000.

                | # | recipe | family | seeds | params | accuracy | macro F1 | p vs best | epochs | stopped by \
                | train time s | train samples/s | infer samples/s | p50 latency ms | heap MB | resident MB |
                |--:|---|---|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|
                | 1 | cnn | cnn | 1 | 5,000 | 0.9000 | 0.8800 | – | 3 | epochs | 12.5 | 2,000 | 50,000 | 0.250 | 256 \
                | 64 |
                | 2 | mlp | mlp | 1, 2, 3 | 1,000 | 0.8200 ± 0.0200 | 0.8000 ± 0.0200 | 0.063 | 3 | epochs | 12.5 \
                | 2,000 | 50,000 | 0.250 | 256 | 64 |
                | 3 | linear | linear | 1 | 100 | 0.7000 | 0.6800 | 0.002 | 3 | epochs | 12.5 | 2,000 | 50,000 \
                | 0.250 | 256 | 64 |

                p vs best: how likely a difference at least this large from cnn would be if the two were in truth \
                equally good (two-sided, McNemar's exact test on the paired test predictions); below 0.05 the gap \
                is unlikely to be luck, above it these runs cannot tell the two apart.

                ## Forecasting: toy-series

                Ranked by test RMSE in the data's own units (lower is better). Baselines (family baseline) have no \
                parameters and do not train: a network that does not beat them has not learnt the series.

                - Best: lstm-forecast, RMSE 0.5000.
                - Baseline to beat: last-value, RMSE 0.7500; beaten by lstm-forecast.

                | # | recipe | family | seeds | params | RMSE | MAE | R² | p vs best | epochs | stopped by \
                | train time s | train samples/s | infer samples/s | p50 latency ms | heap MB | resident MB |
                |--:|---|---|---|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|
                | 1 | lstm-forecast | lstm | 7 | 800 | 0.5000 | 0.5000 | 0.8750 | – | 3 | epochs | 3.00 | 400 | 20,000 \
                | 0.500 | 128 | 32 |
                | 2 | last-value | baseline | – | – | 0.7500 | 0.7500 | 0.7188 | – | – | – | – | – | – | – | – | – |
                | 3 | mlp-forecast | mlp | 7 | 50 | 1.000 | 1.000 | 0.5000 | – | 3 | epochs | 3.00 | 400 | 20,000 \
                | 0.500 | 128 | 32 |
                | 4 | seasonal-naive | baseline | – | – | 2.000 | 2.000 | -1.0000 | – | – | – | – | – | – | – | – | – |

                ## Environment

                - DL4J: 1.0.0-M2.1
                - backend: nd4j-native (CPU)
                - CPU: Test CPU @ 2.0GHz
                - cores: 2
                - JVM: 17.0.12
                - OS: Linux amd64
                - git commit: 3febbde

                ## Reproduce

                From the repository's root, at the same git commit:

                ```bash
                ./zoo compare --seeds 3
                ```
                """,
                Files.readString(dir.resolve("report.md")));
    }

    @Test
    void htmlIsOneSelfContainedFileWithTablesPlotsAndAHeatMap() throws IOException {
        String html = Files.readString(dir.resolve("report.html"));
        assertFalse(
                Pattern.compile("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE)
                        .matcher(html)
                        .find(),
                "no resource from the network");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<link"), "no stylesheet file");
        assertEquals(2, count(html, "<table class=\"results\">"));
        assertTrue(html.contains("<td>last-value</td>"));

        List<String> sources = matches(html, "<img src=\"([^\"]*)\"");
        assertEquals(4, sources.size(), "two learning-curve panels, accuracy against parameters, forecast");
        for (String src : sources) {
            assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, 40));
            byte[] png = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "an embedded PNG decodes");
        }

        // The best classifier's confusion matrix as a heat-map table with class names and recall per row.
        assertTrue(html.contains("<h3>Confusion matrix: cnn</h3>"));
        assertTrue(html.contains("<th class=\"num\">cat</th><th class=\"num\">dog</th><th class=\"num\">bird</th>"));
        // 18 of 20 cats right: shade sqrt(0.9) = 0.949 of the way from white to #08519c, so red is
        // 255 - 0.949 x (255 - 8) = 21 (0x15); recall 0.9.
        assertTrue(html.contains("<tr><th>cat</th><td style=\"background:#155aa1;color:#fff\">18</td>"));
        assertTrue(html.contains("<td class=\"total\">0.9000</td></tr>"));
        assertTrue(html.contains("<pre><code>./zoo compare --seeds 3</code></pre>"));
    }

    @Test
    void everyPlotIsAlsoAFile() throws IOException {
        for (String file :
                List.of("learning-curves.png", "accuracy-vs-params.png", "confusion-cnn.png", "forecast.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(file).toFile());
            assertNotNull(image, file);
        }
        // Both sections' learning curves, one panel above the other.
        assertEquals(
                2 * Charts.HEIGHT_PX,
                ImageIO.read(dir.resolve("learning-curves.png").toFile()).getHeight());
    }

    @Test
    void missingPartsAreLeftOut(@TempDir Path other) throws IOException {
        Files.writeString(other.resolve("forecast.png"), "from an earlier comparison");
        List<RunResult> classifiersOnly = HandMade.comparison().stream()
                .filter(r -> r.task().equals("classification"))
                .toList();
        ComparisonReport.write(other, classifiersOnly, Map.of());
        assertFalse(Files.exists(other.resolve("forecast.png")), "an old plot is not left to mislead");
        String md = Files.readString(other.resolve("report.md"));
        String html = Files.readString(other.resolve("report.html"));
        for (String page : List.of(md, html)) {
            assertFalse(page.contains("Forecasting"));
            assertFalse(page.contains("Environment"));
            assertFalse(page.contains("Reproduce"));
        }
        assertTrue(html.contains("No validation split, so no line: linear."));
    }

    @Test
    void nothingToCompareIsAnError(@TempDir Path other) {
        assertEquals(
                "no results to compare",
                assertThrows(IllegalArgumentException.class, () -> ComparisonReport.write(other, List.of(), Map.of()))
                        .getMessage());
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
