package io.github.dl4jzoo.train;

/**
 * One line of a run's history. {@code validationLoss} and {@code validationMetric} are NaN when the recipe holds
 * out no validation data; the metric is accuracy for classifiers and RMSE (original units) for regressors.
 */
public record EpochStats(
        int epoch,
        double trainLoss,
        double validationLoss,
        double validationMetric,
        double samplesPerSecond,
        double seconds) {}
