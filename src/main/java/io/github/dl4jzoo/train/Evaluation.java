package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Splits;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Test metrics, computed here from counts so that each number can be checked by hand. */
public final class Evaluation {
    private Evaluation() {}

    /**
     * Per-class precision, recall and F1 from a confusion matrix (rows true, columns predicted), and their
     * unweighted means. A class never predicted has precision 0, a class never present recall 0 (as
     * scikit-learn's {@code zero_division=0}).
     */
    public static Metrics.Classification classification(long[][] confusion, List<String> classNames) {
        int k = confusion.length;
        double[] precision = new double[k], recall = new double[k], f1 = new double[k];
        long correct = 0, total = 0;
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c], predicted = 0, actual = 0;
            for (int j = 0; j < k; j++) {
                predicted += confusion[j][c];
                actual += confusion[c][j];
                total += confusion[c][j];
            }
            correct += tp;
            precision[c] = predicted == 0 ? 0 : (double) tp / predicted;
            recall[c] = actual == 0 ? 0 : (double) tp / actual;
            double sum = precision[c] + recall[c];
            f1[c] = sum == 0 ? 0 : 2 * precision[c] * recall[c] / sum;
        }
        return new Metrics.Classification(
                total == 0 ? 0 : (double) correct / total,
                List.copyOf(classNames),
                precision,
                recall,
                f1,
                mean(precision),
                mean(recall),
                mean(f1),
                confusion);
    }

    /** MSE, RMSE, MAE and R2 (1 - residual sum of squares / total sum of squares) of predictions. */
    public static Metrics.Regression regression(double[] truth, double[] predicted) {
        int n = truth.length;
        double mean = 0;
        for (double t : truth) {
            mean += t / n;
        }
        double sse = 0, sae = 0, sst = 0;
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - truth[i];
            sse += e * e;
            sae += Math.abs(e);
            sst += (truth[i] - mean) * (truth[i] - mean);
        }
        return new Metrics.Regression(sse / n, Math.sqrt(sse / n), sae / n, sst == 0 ? Double.NaN : 1 - sse / sst, n);
    }

    /**
     * A saved model's metrics on its data's test split: what {@code zoo evaluate} prints and what a model card
     * records, so the two agree to the last digit.
     */
    public static Metrics measure(SavedRun saved, Splits data) {
        if (saved.recipe().task() == Recipe.Task.CLASSIFICATION) {
            int classes = Math.max(2, saved.recipe().output().units());
            return classification(confusion(saved.net(), data.test(), classes), saved.classNames());
        }
        double[][] tp = predictions(saved.net(), data.test(), data);
        return regression(tp[0], tp[1]);
    }

    /**
     * The confusion matrix of a classifier over a whole iterator. One sigmoid output is a binary classifier
     * with threshold 0.5 (classes 0 and 1).
     */
    public static long[][] confusion(MultiLayerNetwork net, DataSetIterator data, int classes) {
        long[][] confusion = new long[classes][classes];
        FastDense step = FastDense.of(net);
        data.reset();
        while (data.hasNext()) {
            DataSet batch = data.next();
            int[] predicted = classes(step.output(batch.getFeatures()));
            int[] actual = classes(batch.getLabels());
            for (int i = 0; i < predicted.length; i++) {
                confusion[actual[i]][predicted[i]]++;
            }
        }
        return confusion;
    }

    /** Rows the true class, columns the predicted one. */
    public static long[][] confusion(int[] truth, int[] predicted, int classes) {
        long[][] confusion = new long[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
        }
        return confusion;
    }

    /** The true and the predicted class of every example of an iterator, in its order. */
    public static int[][] classes(MultiLayerNetwork net, DataSetIterator data) {
        List<int[]> truth = new ArrayList<>(), predicted = new ArrayList<>();
        FastDense step = FastDense.of(net);
        data.reset();
        while (data.hasNext()) {
            DataSet batch = data.next();
            predicted.add(classes(step.output(batch.getFeatures())));
            truth.add(classes(batch.getLabels()));
        }
        return new int[][] {concat(truth), concat(predicted)};
    }

    private static int[] concat(List<int[]> parts) {
        return parts.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }

    /** Class indices from one-hot rows, or from a single probability column (threshold 0.5). */
    static int[] classes(INDArray rows) {
        if (rows.size(1) == 1) {
            double[] p = rows.toDoubleVector();
            int[] out = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[i] >= 0.5 ? 1 : 0;
            }
            return out;
        }
        return rows.argMax(1).toIntVector();
    }

    /** Predictions and truths of a regressor over a whole iterator, in the target's original units. */
    public static double[][] predictions(MultiLayerNetwork net, DataSetIterator data, Splits units) {
        INDArray predicted = null, truth = null;
        FastDense step = FastDense.of(net);
        data.reset();
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray p = step.output(batch.getFeatures());
            predicted = predicted == null ? p : org.nd4j.linalg.factory.Nd4j.vstack(predicted, p);
            truth = truth == null ? batch.getLabels() : org.nd4j.linalg.factory.Nd4j.vstack(truth, batch.getLabels());
        }
        if (predicted == null) {
            return new double[][] {new double[0], new double[0]};
        }
        return new double[][] {
            units.originalUnits(truth.dup()).toDoubleVector(),
            units.originalUnits(predicted.dup()).toDoubleVector()
        };
    }

    /**
     * A classifier's metrics over an iterator, its classes named by the data (or numbered when the data names
     * none); the number of classes is the output's units, 2 for a single sigmoid.
     */
    static Metrics.Classification classification(
            MultiLayerNetwork net, DataSetIterator it, Recipe recipe, Splits data) {
        return classification(classes(net, it), recipe, data);
    }

    /** The same from every example's true and predicted class ({@link #classes(MultiLayerNetwork, DataSetIterator)}). */
    static Metrics.Classification classification(int[][] truthAndPredicted, Recipe recipe, Splits data) {
        int classes = Math.max(2, recipe.output().units());
        return classification(confusion(truthAndPredicted[0], truthAndPredicted[1], classes), classNames(recipe, data));
    }

    /** The data's class names, or numbers when the data names none (or not as many as the output's units). */
    static List<String> classNames(Recipe recipe, Splits data) {
        int classes = Math.max(2, recipe.output().units());
        List<String> names = data.classNames();
        if (names.size() != classes) {
            names = new ArrayList<>();
            for (int i = 0; i < classes; i++) {
                names.add(Integer.toString(i));
            }
        }
        return names;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }
}
