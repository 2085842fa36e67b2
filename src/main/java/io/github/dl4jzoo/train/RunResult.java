package io.github.dl4jzoo.train;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a finished run reports. Speed figures are measured on this run's data: training samples per second
 * over the timed epochs, inference samples per second at the recipe's batch size, and single-example latency.
 * A forecasting baseline (last value, seasonal naive) is a result with family {@code baseline}, no parameters
 * and no history, so that it sits in the same table as the networks.
 *
 * @param stopReason why training ended: "epochs", "early stopping", "time budget" or "diverged"
 * @param predictions every test example's prediction beside its truth, in test-set order, so that two runs on the
 *     same test set can be compared example by example: class indices for classifiers, values in original units
 *     for forecasters and regressors (empty when not recorded)
 * @param data the files the run read, training and test, in the order read
 */
public record RunResult(
        String recipe,
        String family,
        String task,
        String dataset,
        long seed,
        long parameters,
        int epochs,
        List<EpochStats> history,
        Metrics test,
        double trainSeconds,
        double trainSamplesPerSecond,
        double inferenceSamplesPerSecond,
        double latencyMillisP50,
        long peakHeapBytes,
        long peakResidentBytes,
        String stopReason,
        Path runDir,
        Predictions predictions,
        List<Source> data) {

    /** A data file the run read: its path ({@code classpath:} for embedded data) and the SHA-256 of its bytes. */
    public record Source(String file, String sha256) {}

    /** The same result under another name (a sweep names each grid point) and run folder. */
    public RunResult relabelled(String name, Path folder) {
        return new RunResult(
                name,
                family,
                task,
                dataset,
                seed,
                parameters,
                epochs,
                history,
                test,
                trainSeconds,
                trainSamplesPerSecond,
                inferenceSamplesPerSecond,
                latencyMillisP50,
                peakHeapBytes,
                peakResidentBytes,
                stopReason,
                folder,
                predictions,
                data);
    }

    /**
     * Test predictions against the truth, in test-set order (time order for a forecaster, whose {@code dates} name
     * each step; no dates otherwise).
     */
    public record Predictions(List<String> dates, double[] truth, double[] predicted) {
        public static final Predictions NONE = new Predictions(List.of(), new double[0], new double[0]);
    }
}
