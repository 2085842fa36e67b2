package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.report.RunReport;
import io.github.dl4jzoo.train.GradientStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo train --gradients}: what it writes, checked against the saved network and against DL4J's gradient. */
class GradientsOptionTest {
    @TempDir
    Path tmp;

    @Test
    void gradientsCsvHasOneLinePerLayerAndEpochAndTheLastParameterNormsAreTheSavedModels() throws IOException {
        Path run = tmp.resolve("xor");
        CliRun r = CliRun.of("train", "xor", "--epochs", "3", "--gradients", "--verbose", "0", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        List<GradientStats.Row> rows = RunReport.gradients(run.resolve("gradients.csv"));
        assertEquals(6, rows.size());
        assertEquals(
                List.of("dense1", "output", "dense1", "output", "dense1", "output"),
                rows.stream().map(GradientStats.Row::layer).toList());
        assertEquals(
                List.of(1, 1, 2, 2, 3, 3),
                rows.stream().map(GradientStats.Row::epoch).toList());
        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(
                run.resolve("model.zip").toFile());
        for (int layer = 0; layer < 2; layer++) {
            GradientStats.Row last = rows.get(4 + layer);
            assertEquals(saved.getLayer(layer).params().norm2Number().doubleValue(), last.parameterL2(), 1e-6);
            assertTrue(last.gradientL2() > 0 && last.updateRatio() > 0, last.toString());
        }
        assertTrue(Files.size(run.resolve("gradients.png")) > 0);
    }

    @Test
    void thePerceptronsGradientIsExactlyZeroInEveryEpoch() throws IOException {
        Path run = tmp.resolve("perceptron");
        CliRun r = CliRun.of(
                "train", "perceptron", "--epochs", "2", "--gradients", "--verbose", "0", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        List<GradientStats.Row> rows = RunReport.gradients(run.resolve("gradients.csv"));
        assertEquals(2, rows.size());
        for (GradientStats.Row row : rows) {
            assertEquals(0.0, row.gradientL2(), row.toString());
            assertEquals(0.0, row.updateRatio(), row.toString());
            assertTrue(row.parameterL2() > 0, row.toString());
        }
        // the parameter norms are plotted; zeros have no place on a log axis
        assertTrue(Files.size(run.resolve("gradients.png")) > 0);
    }

    @Test
    void withoutTheOptionNothingIsRecorded() {
        Path run = tmp.resolve("plain");
        CliRun r = CliRun.of("train", "xor", "--epochs", "1", "--verbose", "0", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(run.resolve("gradients.csv")));
        assertFalse(Files.exists(run.resolve("gradients.png")));
    }

    @Test
    void dataParallelTrainingRefusesGradientsBeforeMakingAFolder() {
        Path run = tmp.resolve("parallel");
        CliRun r = CliRun.of(
                "train", "xor", "--gradients", "--master", "local[2]", "--verbose", "0", "--out", run.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(
                "zoo: --master: data-parallel training of one run takes no --gradients, --early-stopping,"
                        + " --time-budget or listener of your own; train without --master to use them\n",
                r.err());
        assertFalse(Files.exists(run));
    }
}
