package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Splits;
import io.github.dl4jzoo.data.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The forecasts a network must beat, on the same test period: the last value known when the forecast is made,
 * and the value one season earlier (seasonal naive, Hyndman and Athanasopoulos, "Forecasting: Principles and
 * Practice", 5.2). The season comes from the spacing of the series' dates ({@link TimeSeries#seasonalPeriod()}:
 * 12 rows for monthly data, 7 for daily, ...); a series with no season gets the last value alone. Neither has
 * parameters or training.
 */
public final class Baselines {
    public static final String FAMILY = "baseline";

    private Baselines() {}

    public static List<RunResult> forecasts(Recipe recipe, Splits data) {
        TimeSeries series =
                data.series().orElseThrow(() -> new IllegalArgumentException(recipe.name() + " is not a forecaster"));
        OptionalInt season = series.seasonalPeriod();
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < series.rows(); i++) {
            row.put(series.dates().get(i), i);
        }
        int horizon = recipe.data().window().horizon();
        int period = season.orElse(1);
        int seasons = (horizon + period - 1) / period; // whole seasons back, so the value is already known
        List<String> dates = data.testDates();
        double[] truth = new double[dates.size()], last = new double[dates.size()], seasonal = new double[dates.size()];
        for (int i = 0; i < dates.size(); i++) {
            int l = row.get(dates.get(i));
            truth[i] = series.target()[l];
            last[i] = series.target()[l - horizon];
            seasonal[i] = l - seasons * period >= 0 ? series.target()[l - seasons * period] : Double.NaN;
        }
        List<RunResult> out = new ArrayList<>(List.of(result("naive-last-value", recipe, data, truth, last)));
        if (season.isPresent() && Arrays.stream(seasonal).noneMatch(Double::isNaN)) {
            out.add(result("seasonal-naive-" + period, recipe, data, truth, seasonal));
        }
        return out;
    }

    private static RunResult result(String name, Recipe recipe, Splits data, double[] truth, double[] predicted) {
        return new RunResult(
                name,
                FAMILY,
                recipe.task().id(),
                data.dataset(),
                0,
                0,
                0,
                List.of(),
                Evaluation.regression(truth, predicted),
                0,
                0,
                0,
                0,
                0,
                0,
                "no training",
                null,
                new RunResult.Predictions(data.testDates(), truth, predicted),
                List.of());
    }
}
