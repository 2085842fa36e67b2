package io.github.dl4jzoo.train;

import java.util.List;

/** Test-set metrics of a finished run: one of the two kinds, by task. */
public sealed interface Metrics {
    /** The number a comparison ranks by: accuracy (higher is better) or RMSE (lower is better). */
    double headline();

    boolean higherIsBetter();

    /**
     * Accuracy; precision, recall and F1 per class and macro-averaged; the confusion matrix with rows the true
     * class and columns the predicted one.
     */
    record Classification(
            double accuracy,
            List<String> classNames,
            double[] precision,
            double[] recall,
            double[] f1,
            double macroPrecision,
            double macroRecall,
            double macroF1,
            long[][] confusion)
            implements Metrics {
        public double headline() {
            return accuracy;
        }

        public boolean higherIsBetter() {
            return true;
        }
    }

    /** Errors in the target's original units (de-normalised). */
    record Regression(double mse, double rmse, double mae, double r2, long count) implements Metrics {
        public double headline() {
            return rmse;
        }

        public boolean higherIsBetter() {
            return false;
        }
    }
}
