package io.github.dl4jzoo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Splits;
import io.github.dl4jzoo.report.RunReport;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.Evaluation;
import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.SavedRun;
import io.github.dl4jzoo.train.TrainData;
import io.github.dl4jzoo.train.TrainException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A saved model's metrics on its recipe's test split, from {@link Zoo#evaluate}.
 *
 * @param metrics {@link Metrics.Classification} (accuracy, per-class precision/recall/F1, confusion matrix) or
 *     {@link Metrics.Regression} (MSE, RMSE, MAE, R2 in original units)
 */
public record TestMetrics(String recipe, String dataset, Path runDir, Metrics metrics) {
    static TestMetrics of(Path runDirOrModel, Optional<Path> data) {
        Engine.configure(); // before the model's layers exist: they pick their helpers when created
        return of(SavedRun.open(runDirOrModel), data);
    }

    /**
     * A model already loaded. When the model's folder is a run's, its data is what the run recorded; published
     * weights (whose card holds that record) and a zip elsewhere read the recipe's data.
     */
    static TestMetrics of(SavedRun saved, Optional<Path> data) {
        Recipe recipe = saved.recipe();
        List<RunResult.Source> recorded =
                recordedData(saved.model().toAbsolutePath().getParent());
        Splits d = TrainData.load(recipe, data.or(() -> recordedFolder(recipe, recorded)));
        if (data.isEmpty()) { // scoring on other data is what the data argument is for
            TrainData.checkSameAs(recorded, TrainData.read(d), "evaluate with --data to score on other data");
        }
        return new TestMetrics(recipe.name(), d.dataset(), saved.source(), Evaluation.measure(saved, d));
    }

    /** The files the run recorded in its metrics.json as read (none for a run written before they were). */
    private static List<RunResult.Source> recordedData(Path runDir) {
        Path metrics = runDir.resolve(RunReport.METRICS_JSON);
        if (!Files.isRegularFile(metrics)) {
            return List.of();
        }
        try {
            List<RunResult.Source> files = new ArrayList<>();
            for (JsonNode f : new ObjectMapper().readTree(metrics.toFile()).path("data")) {
                files.add(new RunResult.Source(
                        f.path("file").asText(), f.path("sha256").asText()));
            }
            return files;
        } catch (IOException e) {
            throw new TrainException(metrics + ": not the metrics file zoo train writes ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * The folder (IDX) or file (CSV) the run read from, when a data location chose it: a dataset id that names
     * its own path, or embedded data, needs none.
     */
    private static Optional<Path> recordedFolder(Recipe recipe, List<RunResult.Source> recorded) {
        if (recorded.isEmpty()
                || recipe.dataset().contains(":")
                || recorded.get(0).file().startsWith("classpath:")) {
            return Optional.empty();
        }
        Path first = Path.of(recorded.get(0).file());
        return Optional.of(recipe.data().window() != null ? first : first.getParent());
    }
}
