package io.github.dl4jzoo.report;

import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.RunResult;
import java.util.function.ToDoubleFunction;

/**
 * The numbers a comparison summarises over seeds, in the column order of {@code results.csv}. A measure that
 * does not apply to a run (accuracy of a forecaster) is NaN, written as an empty cell.
 */
enum Measure {
    EPOCHS("epochs", Metrics.class, RunResult::epochs),
    TRAIN_SECONDS("train_seconds", Metrics.class, RunResult::trainSeconds),
    TRAIN_SAMPLES_PER_SECOND("train_samples_per_second", Metrics.class, RunResult::trainSamplesPerSecond),
    INFERENCE_SAMPLES_PER_SECOND("inference_samples_per_second", Metrics.class, RunResult::inferenceSamplesPerSecond),
    LATENCY_MS_P50("latency_ms_p50", Metrics.class, RunResult::latencyMillisP50),
    PEAK_HEAP_MB("peak_heap_mb", Metrics.class, r -> Formats.megabytes(r.peakHeapBytes())),
    PEAK_RESIDENT_MB("peak_resident_mb", Metrics.class, r -> Formats.megabytes(r.peakResidentBytes())),
    ACCURACY("accuracy", Metrics.Classification.class, classification(Metrics.Classification::accuracy)),
    MACRO_PRECISION(
            "macro_precision", Metrics.Classification.class, classification(Metrics.Classification::macroPrecision)),
    MACRO_RECALL("macro_recall", Metrics.Classification.class, classification(Metrics.Classification::macroRecall)),
    MACRO_F1("macro_f1", Metrics.Classification.class, classification(Metrics.Classification::macroF1)),
    MSE("mse", Metrics.Regression.class, regression(Metrics.Regression::mse)),
    RMSE("rmse", Metrics.Regression.class, regression(Metrics.Regression::rmse)),
    MAE("mae", Metrics.Regression.class, regression(Metrics.Regression::mae)),
    R2("r2", Metrics.Regression.class, regression(Metrics.Regression::r2));

    final String key;
    private final Class<? extends Metrics> kind;
    private final ToDoubleFunction<RunResult> value;

    Measure(String key, Class<? extends Metrics> kind, ToDoubleFunction<RunResult> value) {
        this.key = key;
        this.kind = kind;
        this.value = value;
    }

    double of(RunResult r) {
        return value.applyAsDouble(r);
    }

    /** Whether this measure means anything for this kind of run (accuracy does not for a forecaster). */
    boolean appliesTo(RunResult r) {
        return kind.isInstance(r.test());
    }

    private static ToDoubleFunction<RunResult> classification(ToDoubleFunction<Metrics.Classification> metric) {
        return r -> r.test() instanceof Metrics.Classification c ? metric.applyAsDouble(c) : Double.NaN;
    }

    private static ToDoubleFunction<RunResult> regression(ToDoubleFunction<Metrics.Regression> metric) {
        return r -> r.test() instanceof Metrics.Regression g ? metric.applyAsDouble(g) : Double.NaN;
    }
}
