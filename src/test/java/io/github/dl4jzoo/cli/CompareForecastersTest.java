package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One set of --set values serves both forecasters: their input follows the window. */
class CompareForecastersTest {
    @TempDir
    Path tmp;

    @Test
    void aShorterWindowIsOneSetting() throws IOException {
        Path out = tmp.resolve("report");
        CliRun r = CliRun.of(
                "compare",
                "lstm-forecast",
                "mlp-forecast",
                "--set",
                "data.window.steps=6",
                "--epochs",
                "2",
                "--verbose",
                "0",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, String> params = Files.readAllLines(out.resolve("results.csv")).stream()
                .skip(1)
                .map(l -> l.split(","))
                .collect(Collectors.toMap(c -> c[0], c -> c[6]));
        assertEquals(
                Map.of(
                        "lstm-forecast", "10451", // 4 x 50 x (1 + 50 + 1) + 51: an LSTM's size does not depend on steps
                        "mlp-forecast", "401", // 6 x 50 + 50 + 50 + 1
                        "naive-last-value", "0",
                        "seasonal-naive-12", "0"), // CO2 is monthly
                params);
        for (String run : List.of("lstm-forecast", "mlp-forecast")) {
            String recipe = Files.readString(out.resolve("runs").resolve(run).resolve("recipe.yaml"));
            assertTrue(recipe.contains("steps: 6"), recipe);
        }
    }
}
