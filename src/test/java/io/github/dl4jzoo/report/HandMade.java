package io.github.dl4jzoo.report;

import io.github.dl4jzoo.train.EpochStats;
import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tiny results with numbers chosen by hand, so that a test can say what every file must contain. A forecaster's
 * metrics are computed from its predictions, which miss the truth by hand-picked offsets.
 */
final class HandMade {
    static final List<String> CLASSES = List.of("cat", "dog", "bird");

    /** 50 test examples: 20 cats, 15 dogs, 15 birds. */
    private static final int[] CLASS_SIZES = {20, 15, 15};

    static final List<String> DATES = List.of("2019-01", "2019-02", "2019-03", "2019-04", "2019-05", "2019-06");
    static final double[] TRUTH = {410, 411, 413, 414, 413, 411};

    private static final long MB = 1_000_000;

    private HandMade() {}

    /**
     * A classifier with the given test accuracy; its macro precision, recall and F1 are accuracy + 0.05,
     * accuracy - 0.05 and accuracy - 0.02 (every class the same), so each column of a table is told apart. The
     * confusion matrix (50 examples: 20 cats, 15 dogs, 15 birds) has round(50 x accuracy) on the diagonal, the
     * mistakes going round the classes, each to the next class.
     */
    static RunResult classifier(
            String recipe, String family, long seed, long parameters, double accuracy, List<EpochStats> history) {
        int k = CLASSES.size();
        long[][] confusion = new long[k][k];
        for (int c = 0; c < k; c++) {
            confusion[c][c] = CLASS_SIZES[c];
        }
        for (int m = 0; m < 50 - Math.round(50 * accuracy); m++) {
            int t = m % k;
            confusion[t][t]--;
            confusion[t][(t + 1) % k]++;
        }
        // Example by example, in class order; the wrong ones are the first of their class, so a classifier with
        // fewer mistakes gets right every example that one with more gets right.
        List<Double> truth = new ArrayList<>(), predicted = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            for (long n = 0; n < CLASS_SIZES[t]; n++) {
                truth.add((double) t);
                predicted.add((double) (n < confusion[t][(t + 1) % k] ? (t + 1) % k : t));
            }
        }
        double precision = accuracy + 0.05, recall = accuracy - 0.05, f1 = accuracy - 0.02;
        Metrics.Classification metrics = new Metrics.Classification(
                accuracy,
                CLASSES,
                new double[] {precision, precision, precision},
                new double[] {recall, recall, recall},
                new double[] {f1, f1, f1},
                precision,
                recall,
                f1,
                confusion);
        return new RunResult(
                recipe,
                family,
                "classification",
                "toy-images",
                seed,
                parameters,
                history.size(),
                history,
                metrics,
                12.5,
                2000,
                50000,
                0.25,
                256 * MB,
                64 * MB,
                "epochs",
                Path.of("runs", recipe),
                new RunResult.Predictions(
                        List.of(),
                        truth.stream().mapToDouble(Double::doubleValue).toArray(),
                        predicted.stream().mapToDouble(Double::doubleValue).toArray()),
                List.of());
    }

    /** A forecaster whose every prediction misses the truth by {@code offsets[i % offsets.length]}. */
    static RunResult forecaster(String recipe, String family, long parameters, double[] offsets) {
        double[] predicted = new double[TRUTH.length];
        for (int i = 0; i < TRUTH.length; i++) {
            predicted[i] = TRUTH[i] + offsets[i % offsets.length];
        }
        boolean baseline = family.equals("baseline");
        List<EpochStats> history = baseline ? List.of() : threeEpochs(0.5);
        return new RunResult(
                recipe,
                family,
                "forecasting",
                "toy-series",
                7,
                parameters,
                history.size(),
                history,
                regression(TRUTH, predicted),
                baseline ? 0 : 3,
                baseline ? Double.NaN : 400,
                baseline ? 1e6 : 20000,
                baseline ? 0.001 : 0.5,
                (baseline ? 8 : 128) * MB,
                (baseline ? 0 : 32) * MB,
                baseline ? "no training" : "epochs",
                Path.of("runs", recipe),
                new RunResult.Predictions(DATES, TRUTH, predicted),
                List.of());
    }

    /**
     * A comparison as the CLI would pass it, in no particular order. Classification on toy-images: cnn (0.90),
     * mlp over three seeds (0.80, 0.82, 0.84: mean 0.82, sample std 0.02), linear (0.70, no validation split).
     * Forecasting on toy-series, RMSE: lstm-forecast 0.5, baseline last-value 0.75, mlp-forecast 1,
     * baseline seasonal-naive 2.
     */
    static List<RunResult> comparison() {
        return List.of(
                classifier("mlp", "mlp", 2, 1000, 0.82, threeEpochs(0.8)),
                forecaster("seasonal-naive", "baseline", 0, new double[] {2, -2}),
                classifier("linear", "linear", 1, 100, 0.70, threeEpochsNoValidation()),
                forecaster("mlp-forecast", "mlp", 50, new double[] {1, -1}),
                classifier("mlp", "mlp", 1, 1000, 0.80, threeEpochs(0.78)),
                classifier("cnn", "cnn", 1, 5000, 0.90, threeEpochs(0.88)),
                forecaster("last-value", "baseline", 0, new double[] {0.75, -0.75}),
                classifier("mlp", "mlp", 3, 1000, 0.84, threeEpochs(0.82)),
                forecaster("lstm-forecast", "lstm", 800, new double[] {0.5, -0.5}));
    }

    /** Loss falling 1.2, 0.8, 0.6; validation metric rising to {@code last} in steps of 0.1. */
    static List<EpochStats> threeEpochs(double last) {
        return List.of(
                new EpochStats(1, 1.2, 1.3, last - 0.2, 1000, 0.5),
                new EpochStats(2, 0.8, 0.9, last - 0.1, 1100, 0.5),
                new EpochStats(3, 0.6, 0.7, last, 1200, 0.5));
    }

    /** The same without a validation split: NaN where validation numbers would be. */
    static List<EpochStats> threeEpochsNoValidation() {
        List<EpochStats> history = new ArrayList<>();
        for (EpochStats e : threeEpochs(0.5)) {
            history.add(new EpochStats(
                    e.epoch(), e.trainLoss(), Double.NaN, Double.NaN, e.samplesPerSecond(), e.seconds()));
        }
        return history;
    }

    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DL4J", "1.0.0-M2.1");
        env.put("backend", "nd4j-native (CPU)");
        env.put("CPU", "Test CPU @ 2.0GHz");
        env.put("cores", "2");
        env.put("JVM", "17.0.12");
        env.put("OS", "Linux amd64");
        env.put("git commit", "3febbde");
        env.put("command", "./zoo compare --seeds 3");
        return env;
    }

    private static Metrics.Regression regression(double[] truth, double[] predicted) {
        double squares = 0, absolute = 0, mean = mean(truth), variance = 0;
        for (int i = 0; i < truth.length; i++) {
            double e = predicted[i] - truth[i];
            squares += e * e;
            absolute += Math.abs(e);
            variance += (truth[i] - mean) * (truth[i] - mean);
        }
        double mse = squares / truth.length;
        return new Metrics.Regression(
                mse, Math.sqrt(mse), absolute / truth.length, 1 - squares / variance, truth.length);
    }

    private static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }
}
