package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Recipe;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The final network on the test split: its metrics, every example's prediction (dated for forecasters), and the inference
 * speed over the split at the recipe's batch size.
 */
final class TestEvaluation implements TrainingListener {
    private Metrics metrics;
    private RunResult.Predictions predictions = RunResult.Predictions.NONE;
    private double samplesPerSecond;

    @Override
    public void onTrainingEnd(TrainingContext c) {
        TrainData data = c.data();
        long t0 = System.nanoTime();
        if (c.recipe().task() == Recipe.Task.CLASSIFICATION) {
            int[][] classes = Evaluation.classes(c.network(), data.test());
            metrics = Evaluation.classification(classes, c.recipe(), data);
            predictions = new RunResult.Predictions(
                    List.of(),
                    Arrays.stream(classes[0]).asDoubleStream().toArray(),
                    Arrays.stream(classes[1]).asDoubleStream().toArray());
        } else {
            double[][] tp = Evaluation.predictions(c.network(), data.test(), data);
            metrics = Evaluation.regression(tp[0], tp[1]);
            predictions = new RunResult.Predictions(data.testDates(), tp[0], tp[1]);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        samplesPerSecond = count(data.test()) / seconds;
    }

    Metrics metrics() {
        return metrics;
    }

    /** Every test example's prediction beside its truth, for the comparison's paired significance tests. */
    RunResult.Predictions predictions() {
        return predictions;
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
