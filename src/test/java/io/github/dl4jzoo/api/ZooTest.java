package io.github.dl4jzoo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dl4jzoo.report.Table;
import io.github.dl4jzoo.train.TrainException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the API refuses, and the table it prints, without training anything. */
class ZooTest {
    @TempDir
    Path tmp;

    @Test
    void aResumedRunRefusesWhatItCannotHonour() {
        TrainException e = assertThrows(TrainException.class, () -> Zoo.resume(tmp)
                .set("epochs", 5)
                .set("seed", 7)
                .out(tmp.resolve("elsewhere"))
                .train());
        assertEquals(
                tmp + ": a resumed run trains its own recipe.yaml in its own folder; only more epochs can be asked of"
                        + " it, not seed=7, out=" + tmp.resolve("elsewhere"),
                e.getMessage());
    }

    @Test
    void badSettingsAreNamed() {
        assertEquals(
                "--verbose: expected 0, 1 or 2, got 3",
                assertThrows(TrainException.class, () -> Zoo.recipe("mlp").verbose(3))
                        .getMessage());
        assertEquals(
                "--seeds: expected 1 to 100, got 0",
                assertThrows(TrainException.class, () -> Zoo.compare("mlp").seeds(0))
                        .getMessage());
        assertEquals(
                "--suite: expected one of images, timeseries, got sounds",
                assertThrows(TrainException.class, () -> Zoo.suite("sounds")).getMessage());
        assertEquals(
                "--limit: expected at least 1, got 0",
                assertThrows(TrainException.class, () -> Prediction.Options.DEFAULTS.withLimit(0))
                        .getMessage());
    }

    @Test
    void aTableRightAlignsItsNumberColumns() {
        Table t = Table.of(
                List.of("recipe", "params", "note"),
                List.of(List.of("mlp", "235,146", "3"), List.of("linear-softmax", "7,850", "n/a")));
        assertEquals(
                "recipe           params  note\n" + "mlp             235,146  3\n" + "linear-softmax    7,850  n/a\n",
                t.toString());
    }
}
