package io.github.dl4jzoo.api;

import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.Evaluation;
import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.SavedRun;
import io.github.dl4jzoo.train.TrainData;
import java.nio.file.Path;
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

    static TestMetrics of(SavedRun saved, Optional<Path> data) {
        TrainData d = TrainData.load(saved.recipe(), data);
        return new TestMetrics(saved.recipe().name(), d.dataset(), saved.source(), Evaluation.measure(saved, d));
    }
}
