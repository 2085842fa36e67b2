package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Splits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The final network on the test split: its metrics, every example's prediction (dated for forecasters), and the inference
 * speed over the split at the recipe's batch size: forward passes alone, timed once the evaluation has warmed the
 * network, repeated whole until {@value #MIN_SECONDS} s have gone by (a forecaster's test split is a few dozen windows,
 * whose single pass timed mostly the first call's set-up).
 */
final class TestEvaluation implements TrainingListener {
    private Metrics metrics;
    private RunResult.Predictions predictions = RunResult.Predictions.NONE;
    private static final double MIN_SECONDS = 0.05;
    private double samplesPerSecond;

    @Override
    public void onTrainingEnd(TrainingContext c) {
        Splits data = c.data();
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
        samplesPerSecond = samplesPerSecond(c.network(), data.test());
    }

    private static double samplesPerSecond(MultiLayerNetwork net, DataSetIterator test) {
        List<INDArray> batches = new ArrayList<>();
        test.reset();
        while (test.hasNext()) {
            batches.add(test.next().getFeatures());
        }
        test.reset();
        FastDense step = FastDense.of(net);
        long samples = 0, t0 = System.nanoTime(), nanos;
        do {
            for (INDArray x : batches) {
                step.output(x);
                samples += x.size(0);
            }
            nanos = System.nanoTime() - t0;
        } while (nanos < MIN_SECONDS * 1e9);
        return samples / (nanos / 1e9);
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
}
