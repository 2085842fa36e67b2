package io.github.dl4jzoo.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dl4jzoo.train.EpochStats;
import io.github.dl4jzoo.train.RunResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of one run's folder. */
class RunReportTest {
    @TempDir
    Path dir;

    @Test
    void historyHasOneLinePerEpochNamedForTheMetric() throws IOException {
        RunReport.write(dir, HandMade.classifier("cnn", "cnn", 1, 5000, 0.9, HandMade.threeEpochs(0.8)));
        assertEquals(
                """
                epoch,train_loss,validation_loss,validation_accuracy,samples_per_second,seconds
                1,1.2,1.3,0.6,1000,0.5
                2,0.8,0.9,0.7,1100,0.5
                3,0.6,0.7,0.8,1200,0.5
                """,
                Files.readString(dir.resolve("history.csv")));
    }

    @Test
    void missingValidationIsAnEmptyCell() throws IOException {
        RunReport.write(dir, HandMade.classifier("linear", "linear", 1, 100, 0.7, HandMade.threeEpochsNoValidation()));
        assertEquals(
                """
                epoch,train_loss,validation_loss,validation_accuracy,samples_per_second,seconds
                1,1.2,,,1000,0.5
                2,0.8,,,1100,0.5
                3,0.6,,,1200,0.5
                """,
                Files.readString(dir.resolve("history.csv")));
    }

    @Test
    void metricsHoldEverythingTheSeedDetermines() throws IOException {
        RunReport.write(dir, HandMade.classifier("cnn", "cnn", 1, 5000, 0.9, HandMade.threeEpochs(0.8)));
        JsonNode m = Json.MAPPER.readTree(dir.resolve("metrics.json").toFile());
        assertEquals(
                List.of("recipe", "family", "task", "dataset", "seed", "parameters", "epochs", "stop_reason", "test"),
                iterable(m.fieldNames()));
        assertEquals("cnn", m.get("recipe").asText());
        assertEquals(5000, m.get("parameters").asLong());
        assertEquals(3, m.get("epochs").asInt());
        assertEquals("epochs", m.get("stop_reason").asText());
        JsonNode test = m.get("test");
        assertEquals(0.9, test.get("accuracy").asDouble());
        assertEquals(0.95, test.get("macro_precision").asDouble(), 1e-12);
        assertEquals(0.85, test.get("macro_recall").asDouble(), 1e-12);
        assertEquals(0.88, test.get("macro_f1").asDouble(), 1e-12);
        assertEquals("dog", test.get("classes").get(1).get("name").asText());
        // 45 of 50 right: the five mistakes go cat->dog, dog->bird, bird->cat, cat->dog, dog->bird.
        assertEquals("[[18,2,0],[0,13,2],[1,0,14]]", test.get("confusion").toString());
        assertFalse(m.toString().contains("seconds"), "no timing in metrics.json");
    }

    @Test
    void sameSeedGivesTheSameMetricsFileWhateverTheClock() throws IOException {
        RunResult first = HandMade.classifier("cnn", "cnn", 1, 5000, 0.9, HandMade.threeEpochs(0.8));
        RunResult slower = new RunResult(
                first.recipe(),
                first.family(),
                first.task(),
                first.dataset(),
                first.seed(),
                first.parameters(),
                first.epochs(),
                first.history(),
                first.test(),
                99.0,
                10,
                20,
                3.5,
                1L << 33,
                1L << 31,
                first.stopReason(),
                first.runDir(),
                first.predictions(),
                List.of());
        RunReport.write(dir.resolve("a"), first);
        RunReport.write(dir.resolve("b"), slower);
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("a/metrics.json")), Files.readAllBytes(dir.resolve("b/metrics.json")));
        JsonNode timing = Json.MAPPER.readTree(dir.resolve("b/timing.json").toFile());
        assertEquals(99.0, timing.get("train_seconds").asDouble());
        assertEquals(1L << 33, timing.get("peak_heap_bytes").asLong());
    }

    @Test
    void curvesArePngAndABaselineHasNone() throws IOException {
        RunReport.write(dir.resolve("net"), HandMade.classifier("cnn", "cnn", 1, 5000, 0.9, HandMade.threeEpochs(0.8)));
        BufferedImage curves =
                ImageIO.read(dir.resolve("net/learning-curves.png").toFile());
        assertNotNull(curves);
        // Two panels, loss and validation accuracy, one above the other.
        assertEquals(2 * Charts.HEIGHT_PX, curves.getHeight());

        RunReport.write(dir.resolve("baseline"), HandMade.forecaster("last-value", "baseline", 0, new double[] {1}));
        assertTrue(Files.exists(dir.resolve("baseline/metrics.json")));
        assertTrue(Files.exists(dir.resolve("baseline/timing.json")));
        assertFalse(Files.exists(dir.resolve("baseline/history.csv")));
        assertFalse(Files.exists(dir.resolve("baseline/learning-curves.png")));
        JsonNode test = Json.MAPPER
                .readTree(dir.resolve("baseline/metrics.json").toFile())
                .get("test");
        assertEquals(1.0, test.get("rmse").asDouble());
        assertEquals(6, test.get("count").asLong());
    }

    @Test
    void aRunThatDivergedAtOnceHasAHistoryButNothingToDraw() throws IOException {
        List<EpochStats> nan = List.of(new EpochStats(1, Double.NaN, Double.NaN, Double.NaN, 900, 0.5));
        RunReport.write(dir, HandMade.classifier("mlp", "mlp", 1, 1000, 0.1, nan));
        assertEquals(
                """
                epoch,train_loss,validation_loss,validation_accuracy,samples_per_second,seconds
                1,,,,900,0.5
                """,
                Files.readString(dir.resolve("history.csv")));
        assertFalse(Files.exists(dir.resolve("learning-curves.png")));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
