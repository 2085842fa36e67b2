package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dl4jzoo.train.ModelCard;
import io.github.dl4jzoo.train.Published;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The committed weights measured again: {@code zoo evaluate NAME} prints exactly the card's metrics. */
class PublishedMetricsTest {
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    static ModelCard card(String name) {
        return ModelCard.read(Published.in(Path.of("models"), name).card());
    }

    @Test
    void lenet5EvaluatesToItsCard() {
        assumeTrue(
                Files.isDirectory(FASHION_MNIST),
                FASHION_MNIST + " is missing: apt-get install -y dataset-fashion-mnist");
        ModelCard c = card("lenet5");
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
        ModelCard c = card("lstm-forecast");
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
