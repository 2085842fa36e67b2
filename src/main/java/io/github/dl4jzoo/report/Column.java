package io.github.dl4jzoo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A column of the report's tables, shared by the Markdown and the HTML page so that both show the same thing. */
record Column(String header, boolean numeric, Function<RecipeSummary, String> cell) {
    private static final int MEASURE_DIGITS = 3;
    private static final int MEMORY_DIGITS = 2;
    private static final int ERROR_DIGITS = 4;

    /** The columns of a section's table (after the rank): identity, test metrics, training, speed, memory. */
    static List<Column> of(Section s) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("recipe", false, RecipeSummary::recipe));
        columns.add(new Column("family", false, RecipeSummary::family));
        columns.add(new Column(
                "seeds",
                false,
                r -> r.trained()
                        ? r.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "))
                        : Formats.NONE));
        columns.add(new Column("params", true, r -> r.parameters() > 0 ? Formats.count(r.parameters()) : Formats.NONE));
        if (s.classification()) {
            columns.add(new Column("accuracy", true, r -> withStd(r.stat(Measure.ACCURACY), Formats::fraction)));
            columns.add(new Column("macro F1", true, r -> withStd(r.stat(Measure.MACRO_F1), Formats::fraction)));
        } else {
            columns.add(new Column("RMSE", true, r -> withStd(r.stat(Measure.RMSE), Column::error)));
            columns.add(new Column("MAE", true, r -> withStd(r.stat(Measure.MAE), Column::error)));
            columns.add(new Column("R²", true, r -> withStd(r.stat(Measure.R2), Formats::fraction)));
        }
        columns.add(new Column("p vs best", true, r -> s.significance(r)
                .map(x -> pValue(x.p()))
                .orElse(Formats.NONE)));
        columns.add(new Column("epochs", true, r -> r.trained() ? r.epochsRange() : Formats.NONE));
        columns.add(new Column("stopped by", false, r -> r.trained() ? r.stopReasons() : Formats.NONE));
        columns.add(new Column("train time s", true, r -> trained(r, Measure.TRAIN_SECONDS)));
        columns.add(new Column("train samples/s", true, r -> trained(r, Measure.TRAIN_SAMPLES_PER_SECOND)));
        columns.add(new Column("infer samples/s", true, r -> trained(r, Measure.INFERENCE_SAMPLES_PER_SECOND)));
        columns.add(new Column("p50 latency ms", true, r -> trained(r, Measure.LATENCY_MS_P50)));
        columns.add(new Column("heap MB", true, r -> trained(r, Measure.PEAK_HEAP_MB, MEMORY_DIGITS)));
        columns.add(new Column("resident MB", true, r -> trained(r, Measure.PEAK_RESIDENT_MB, MEMORY_DIGITS)));
        return columns;
    }

    /** "0.8200 ± 0.0200" over several seeds, "0.8200" for one. */
    static String withStd(Stat s, Function<Double, String> format) {
        String mean = format.apply(s.mean());
        return Double.isFinite(s.std()) ? mean + " ± " + format.apply(s.std()) : mean;
    }

    /** Three decimals, and "< 0.001" below them: a p-value is not read more finely than that. */
    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return Formats.NONE;
        }
        return p < 0.001 ? "< 0.001" : String.format(java.util.Locale.ROOT, "%.3f", p);
    }

    /** Errors in the data's own units: four significant digits. */
    static String error(double x) {
        return Formats.measure(x, ERROR_DIGITS);
    }

    private static String mean(RecipeSummary r, Measure m) {
        return mean(r, m, MEASURE_DIGITS);
    }

    private static String mean(RecipeSummary r, Measure m, int digits) {
        return Formats.measure(r.stat(m).mean(), digits);
    }

    /** Training, speed and memory figures mean nothing for a baseline, which neither trains nor runs a network. */
    private static String trained(RecipeSummary r, Measure m) {
        return trained(r, m, MEASURE_DIGITS);
    }

    private static String trained(RecipeSummary r, Measure m, int digits) {
        return r.trained() ? mean(r, m, digits) : Formats.NONE;
    }
}
