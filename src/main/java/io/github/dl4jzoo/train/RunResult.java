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
 * @param predictions for forecasters, the test-period predictions and truths in original units (else empty)
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
        Forecast predictions,
        List<Source> data) {

    /** A result that read no files of its own (a baseline, a hand-made result). */
    public RunResult(
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
            Forecast predictions) {
        this(
                recipe,
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
                runDir,
                predictions,
                List.of());
    }

    /** A data file the run read: its path ({@code classpath:} for embedded data) and the SHA-256 of its bytes. */
    public record Source(String file, String sha256) {}

    /** Test-period forecasts against the truth, in original units, in time order. */
    public record Forecast(List<String> dates, double[] truth, double[] predicted) {
        public static final Forecast NONE = new Forecast(List.of(), new double[0], new double[0]);
    }
}
