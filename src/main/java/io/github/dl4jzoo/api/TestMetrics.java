package io.github.dl4jzoo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jzoo.arch.Recipe;
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
        SavedRun saved = SavedRun.open(runDirOrModel);
        Recipe recipe = saved.recipe();
        List<RunResult.Source> recorded = recordedData(saved.folder().dir());
        TrainData d = TrainData.load(recipe, data.or(() -> recordedFolder(recipe, recorded)));
        if (data.isEmpty()) { // scoring on other data is what the data argument is for
            TrainData.checkSameAs(recorded, d.read(), "evaluate with --data to score on other data");
        }
        Metrics metrics;
        if (recipe.task() == Recipe.Task.CLASSIFICATION) {
            int classes = Math.max(2, recipe.output().units());
            metrics =
                    Evaluation.classification(Evaluation.confusion(saved.net(), d.test(), classes), saved.classNames());
        } else {
            double[][] tp = Evaluation.predictions(saved.net(), d.test(), d);
            metrics = Evaluation.regression(tp[0], tp[1]);
        }
        return new TestMetrics(recipe.name(), d.dataset(), saved.folder().dir(), metrics);
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
