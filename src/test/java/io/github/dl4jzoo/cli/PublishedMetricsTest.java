package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dl4jzoo.api.Zoo;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.ModelCard;
import io.github.dl4jzoo.train.Published;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The committed weights measured again. The API's evaluation of a recipe's published weights (what {@code zoo
 * evaluate NAME} prints) gives the card's metrics to the last bit, and the command prints them.
 */
class PublishedMetricsTest {
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    static Published published(String name) {
        return Published.in(Path.of("models"), name);
    }

    /** The weights' metrics now, as the card records them: every double compared exactly. */
    static ModelCard.Measured measuredNow(String name) {
        Engine.configure();
        return ModelCard.Measured.of(
                Zoo.evaluate(published(name).load(), Optional.empty()).metrics());
    }

    @Test
    void lenet5EvaluatesToItsCard() {
        assumeTrue(
                Files.isDirectory(FASHION_MNIST),
                FASHION_MNIST + " is missing: apt-get install -y dataset-fashion-mnist");
        ModelCard c = published("lenet5").readCard();
        assertEquals(c.metrics(), measuredNow("lenet5"));

        CliRun r = CliRun.of("evaluate", "lenet5");
        assertEquals(0, r.code(), r.err());
        String totals = r.out().lines().skip(1).findFirst().orElse("");
        assertEquals(
                String.format(Locale.ROOT, "accuracy %.4f", c.metrics().accuracy()),
                totals.substring(0, "accuracy 0.0000".length()));
        assertEquals(
                String.format(Locale.ROOT, "macro F1 %.4f", c.metrics().macroF1()),
                totals.substring(totals.indexOf("macro F1")));
    }

    @Test
    void lstmForecastEvaluatesToItsCard() {
        ModelCard c = published("lstm-forecast").readCard();
        assertEquals(c.metrics(), measuredNow("lstm-forecast"));

        CliRun r = CliRun.of("evaluate", "lstm-forecast");
        assertEquals(0, r.code(), r.err());
        String line = r.out().lines().skip(1).findFirst().orElse("");
        assertEquals(
                String.format(
                        Locale.ROOT,
                        "RMSE %.6f  MAE %.6f",
                        c.metrics().rmse(),
                        c.metrics().mae()),
                line.substring(line.indexOf("RMSE"), line.indexOf("  R2")));
    }
}
