package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeReader;
import io.github.dl4jzoo.data.DataFile;
import io.github.dl4jzoo.data.SeriesSpec;
import io.github.dl4jzoo.data.TimeSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seasonal baseline repeats the season the dates say: a week of days, a year of months. */
class BaselinesTest {
    /** A weekly pattern on a rising line: one season back is off by exactly 7 x 0.1. */
    private static final double[] WEEK = {1, 5, 2, 8, 3, 9, 4};

    private static final double TREND = 0.1;

    @TempDir
    Path dir;

    private Path csv(int rows, IntFunction<String> date) throws IOException {
        StringBuilder s = new StringBuilder("Date,V\n");
        for (int i = 0; i < rows; i++) {
            s.append(date.apply(i)).append(',').append(value(i)).append('\n');
        }
        Path f = dir.resolve("series.csv");
        Files.writeString(f, s);
        return f;
    }

    private static double value(int i) {
        return WEEK[i % 7] + TREND * i;
    }

    private static OptionalInt season(Path csv) {
        return season(csv, "V");
    }

    private static OptionalInt season(Path csv, String column) {
        return TimeSeries.readCsv(DataFile.of(csv), new SeriesSpec("Date", List.of(column), column, 3, 1, 1))
                .seasonalPeriod();
    }

    @Test
    void theSeasonComesFromTheSpacingOfTheDates() throws IOException {
        LocalDate day = LocalDate.of(2024, 1, 1);
        assertEquals(OptionalInt.of(7), season(csv(30, i -> day.plusDays(i).toString())));
        assertEquals(OptionalInt.of(12), season(csv(30, i -> day.plusMonths(i).toString())));
        assertEquals(OptionalInt.of(52), season(csv(30, i -> day.plusWeeks(i).toString())));
        assertEquals(
                OptionalInt.of(4), season(csv(30, i -> day.plusMonths(3L * i).toString())));
        LocalDateTime hour = day.atStartOfDay();
        assertEquals(OptionalInt.of(24), season(csv(30, i -> hour.plusHours(i).toString())));
        assertEquals(OptionalInt.empty(), season(csv(30, i -> day.plusYears(i).toString())));
        // monthly with a few months missing (as CO2's first years) is still monthly
        assertEquals(OptionalInt.of(12), season(csv(30, i -> day.plusMonths(i + (i > 3 ? 1 : 0) + (i > 9 ? 2 : 0))
                .toString())));
        assertEquals(
                OptionalInt.of(12),
                season(Path.of("src/main/resources/io/github/dl4jzoo/data/co2/co2-concentration.csv"), "CO2"));
    }

    @Test
    void aDailySeriesIsComparedWithTheSameDayLastWeek() throws IOException {
        LocalDate day = LocalDate.of(2024, 1, 1);
        Path file = csv(70, i -> day.plusDays(i).toString());
        Recipe recipe = RecipeReader.read(
                Path.of("models/mlp-forecast.yaml"),
                List.of(
                        "dataset=csv:" + file,
                        "data.window={date: Date, steps: 3, horizon: 1, stride: 1, features: [V], target: V, testRows: 7}"));
        List<RunResult> baselines = Baselines.forecasts(recipe, TrainData.load(recipe, Optional.empty()));

        assertEquals(
                List.of("naive-last-value", "seasonal-naive-7"),
                baselines.stream().map(RunResult::recipe).toList());
        RunResult seasonal = baselines.get(1);
        double[] truth = new double[7], weekBefore = new double[7], dayBefore = new double[7];
        for (int i = 0; i < 7; i++) {
            truth[i] = value(63 + i);
            weekBefore[i] = value(56 + i);
            dayBefore[i] = value(62 + i);
        }
        assertArrayEquals(truth, seasonal.predictions().truth(), 1e-12);
        assertArrayEquals(weekBefore, seasonal.predictions().predicted(), 1e-12);
        assertArrayEquals(dayBefore, baselines.get(0).predictions().predicted(), 1e-12);
        assertEquals(7 * TREND, seasonal.test().headline(), 1e-9); // every error is one week of trend
    }
}
