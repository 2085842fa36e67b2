package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Recipe;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The final network on the test split: its metrics, for forecasters the dated predictions, and the inference
 * speed over the split at the recipe's batch size.
 */
final class TestEvaluation implements TrainingListener {
    private Metrics metrics;
    private RunResult.Forecast forecast = RunResult.Forecast.NONE;
    private double samplesPerSecond;

    @Override
    public void onTrainingEnd(TrainingContext c) {
        TrainData data = c.data();
        long t0 = System.nanoTime();
        if (c.recipe().task() == Recipe.Task.CLASSIFICATION) {
            metrics = Evaluation.classification(c.network(), data.test(), c.recipe(), data);
        } else {
            double[][] tp = Evaluation.predictions(c.network(), data.test(), data);
            metrics = Evaluation.regression(tp[0], tp[1]);
            if (!data.testDates().isEmpty()) {
                forecast = new RunResult.Forecast(data.testDates(), tp[0], tp[1]);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        samplesPerSecond = count(data.test()) / seconds;
    }

    Metrics metrics() {
        return metrics;
    }

    RunResult.Forecast forecast() {
        return forecast;
    }

    double samplesPerSecond() {
        return samplesPerSecond;
    }

    private static long count(DataSetIterator it) {
        long n = 0;
        it.reset();
        while (it.hasNext()) {
            n += it.next().numExamples();
        }
        it.reset();
        return n;
    }
}
