package io.github.dl4jzoo.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each bad recipe gives one line naming the file, the field and what was allowed. */
class RecipeValidationTest {
    @TempDir
    Path dir;

    /** The mlp recipe with one line replaced (or removed, when the replacement is empty). */
    private Path mlpWith(String name, String line, String replacement) throws IOException {
        String text = Files.readString(Path.of("models/mlp.yaml"));
        var pattern = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(line) + "$");
        if (!pattern.matcher(text).find()) {
            throw new IllegalArgumentException("no line '" + line + "' in mlp.yaml");
        }
        String changed = pattern.matcher(text).replaceFirst(replacement);
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, changed.replace("name: mlp", "name: " + name));
        return f;
    }

    private String error(Path file) {
        return assertThrows(RecipeException.class, () -> RecipeReader.read(file, List.of()))
                .getMessage();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "seed: 123|                                              |seed: expected a value (the field is required)",
                "updater: {type: adam, lr: 0.001}|updater: {type: adam, lr: -0.01}|updater.lr: expected a number > 0, got -0.01",
                "updater: {type: adam, lr: 0.001}|updater: {type: adamw, lr: 0.001}|updater.type: expected one of adagrad, adam, nesterovs, rmsprop, sgd, got adamw",
                "batchSize: 128|batchSize: 0                             |batchSize: expected an integer from 1 to 1048576, got 0",
                "batchSize: 128|batchSize: 12.5                          |batchSize: expected an integer from 1 to 1048576, got 12.5",
                "updater: {type: adam, lr: 0.001}|updater: {type: adam, learningrate: 0.001}|updater.lr: expected a value (the field is required)",
                "epochs: 10|epochs: 10\\nepoch: 3                          |epoch: unknown field (check the spelling)",
                "arch: {hidden: [256, 128], activation: relu}|arch: {hidden: [256, -1], activation: relu}|arch.hidden: expected a list of integers >= 1, got [256, -1]",
                "input: {features: 784}|input: {size: 784}                |input: expected {channels, height, width}, {steps, features} or {features}",
                "task: classification|task: clustering                   |task: expected one of classification, forecasting, regression, got clustering",
                "input: {features: 784}|input: {steps: 28, features: 28} |input: expected {features} or {channels, height, width} for family mlp",
            })
    void badFieldsAreNamed(String line, String replacement, String expected) throws IOException {
        Path f = mlpWith(
                "bad", line, replacement == null ? "" : replacement.strip().replace("\\n", "\n"));
        assertEquals(f + ": " + expected, error(f));
    }

    /** Families are found on the class path, so the list is checked for the zoo's own, in order, not for equality. */
    @Test
    void anUnknownFamilyListsTheFamiliesFound() throws IOException {
        Path f = mlpWith("bad", "family: mlp", "family: resnet");
        String message = error(f);
        assertEquals(f + ": family: expected one of ", message.substring(0, message.indexOf("of ") + 3));
        assertTrue(
                message.matches(".*one of (.*, )?cnn, (.*, )?linear, (.*, )?lstm, (.*, )?mlp(, .*)?, got resnet"),
                message);
    }

    @Test
    void aForecastersInputIsDerivedFromItsWindow() {
        Path lstm = Path.of("models/lstm-forecast.yaml"), mlp = Path.of("models/mlp-forecast.yaml");
        assertEquals(
                new Recipe.Input.Sequence(12, 1),
                RecipeReader.read(lstm, List.of()).input());
        assertEquals(
                new Recipe.Input.Vector(12), RecipeReader.read(mlp, List.of()).input());
        List<String> six = List.of("data.window.steps=6");
        assertEquals(
                new Recipe.Input.Sequence(6, 1), RecipeReader.read(lstm, six).input());
        assertEquals(new Recipe.Input.Vector(6), RecipeReader.read(mlp, six).input());
        assertEquals(4 * 50 * (1 + 50 + 1) + 51, RecipeReader.read(lstm, six).parameterCount());
        assertEquals(6 * 50 + 50 + 51, RecipeReader.read(mlp, six).parameterCount());
        var e = assertThrows(RecipeException.class, () -> RecipeReader.read(mlp, List.of("input={features: 6}")));
        assertEquals(
                "models/mlp-forecast.yaml: input: not set for a forecaster: it is derived from data.window"
                        + " (steps x features); remove it",
                e.getMessage());
    }

    @Test
    void unknownActivationListsTheAllowedOnes() throws IOException {
        Path f = mlpWith(
                "bad", "arch: {hidden: [256, 128], activation: relu}", "arch: {hidden: [256, 128], activation: relux}");
        String message = error(f);
        assertEquals(f + ": arch.activation: expected one of ", message.substring(0, message.indexOf("of ") + 3));
        assertEquals(true, message.contains(" relu, ") && message.endsWith(", got relux"), message);
    }

    @Test
    void brokenYamlNamesTheLine() throws IOException {
        Path f = mlpWith("bad", "epochs: 10", "epochs: [10");
        assertEquals(
                f + ":15: not valid YAML: expected ',' or ']', but got : (while parsing a flow sequence from line 14)",
                error(f));
    }

    @Test
    void aNameMustBeItsFileName() throws IOException {
        Path f = mlpWith("mlp2", "seed: 123", "seed: 123");
        Files.writeString(f, Files.readString(f).replace("name: mlp2", "name: mlp3"));
        var e = assertThrows(RecipeException.class, () -> Registry.load(dir));
        assertEquals(f + ": name: expected 'mlp2' (the file name), got 'mlp3'", e.getMessage());
    }

    @Test
    void aDuplicateNameIsAnError() throws IOException {
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.copy(Path.of("models/mlp.yaml"), mine.resolve("mlp.yaml"));
        var e = assertThrows(RecipeException.class, () -> Registry.load(List.of(Path.of("models"), mine)));
        assertEquals(mine.resolve("mlp.yaml") + ": name: 'mlp' is already defined by models/mlp.yaml", e.getMessage());
    }

    @Test
    void overridesAreValidatedTheSameWay() {
        Path mlp = Path.of("models/mlp.yaml");
        assertEquals(
                0.01,
                RecipeReader.read(mlp, List.of("updater.lr=0.01")).updater().learningRate());
        assertEquals(3, RecipeReader.read(mlp, List.of("epochs=3")).epochs());
        var e = assertThrows(RecipeException.class, () -> RecipeReader.read(mlp, List.of("updater.lr=-1")));
        assertEquals("--set updater.lr=-1: expected a number > 0, got -1 (recipe models/mlp.yaml)", e.getMessage());
        e = assertThrows(RecipeException.class, () -> RecipeReader.read(mlp, List.of("updater.learningrate=1")));
        assertEquals(
                "--set updater.learningrate=1: unknown field (check the spelling) (recipe models/mlp.yaml)",
                e.getMessage());
        e = assertThrows(RecipeException.class, () -> RecipeReader.read(mlp, List.of("output={units: 0}")));
        assertEquals(
                "--set output={units: 0}: expected an integer from 1 to 16777216, got 0 (recipe models/mlp.yaml)",
                e.getMessage());
        e = assertThrows(RecipeException.class, () -> RecipeReader.read(mlp, List.of("epochs")));
        assertEquals("--set epochs: expected key=value, e.g. updater.lr=0.01", e.getMessage());
        e = assertThrows(RecipeException.class, () -> RecipeReader.read(mlp, List.of("seed.x=1")));
        assertEquals("models/mlp.yaml: --set seed.x=1: seed is not a mapping in this recipe", e.getMessage());
    }
}
