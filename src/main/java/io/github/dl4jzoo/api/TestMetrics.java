package io.github.dl4jzoo.api;

import io.github.dl4jzoo.arch.Recipe;
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
        SavedRun saved = SavedRun.open(runDirOrModel);
        Recipe recipe = saved.recipe();
        TrainData d = TrainData.load(recipe, data);
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
}
