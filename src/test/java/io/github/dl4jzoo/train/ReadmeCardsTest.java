package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The README's figures for published weights are the cards': the catalogue's column shows each card's headline
 * metric (as {@code zoo list} does) or "–", and the table under "Published weights" has each card's row.
 */
class ReadmeCardsTest {
    @Test
    void theReadmeShowsTheCardsMetrics() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        List<String> cards = ModelCardSchemaTest.cards().toList();
        int shown = 0;
        for (String row : readme) {
            if (!row.startsWith("| `") || !row.contains(" | classification | ") && !row.contains(" | forecasting | ")) {
                continue; // not a row of the catalogue
            }
            String name = row.substring(3, row.indexOf('`', 3));
            String last = cards.contains(name) ? card(name).headline() : "–";
            assertTrue(row.endsWith(" | " + last + " |"), "the catalogue's row of " + name + ": " + row);
            shown += cards.contains(name) ? 1 : 0;
        }
        assertEquals(cards.size(), shown, "every card's recipe has a row in the catalogue");
        for (String name : cards) {
            ModelCard c = card(name);
            assertTrue(readme.contains(row(c)), "README.md: no row\n" + row(c));
            assertTrue(
                    readme.contains(c.command().replaceFirst("^zoo ", "./zoo ")),
                    "README.md: the command of " + name + "'s card, " + c.command());
        }
    }

    @Test
    void aRowIsTheCardsFigures() {
        ModelCard.Measured m = new ModelCard.Measured("test", 24, null, null, 0.66904, 0.51234, "ppm");
        ModelCard c = new ModelCard(
                "x",
                "forecasting",
                new ModelCard.Dataset("co2", "CC", List.of()),
                m,
                10_451,
                1,
                new ModelCard.Training(200, 32, 123, 61.26, "epochs"),
                "",
                "zoo publish x",
                "0123456789ab",
                "2026-12-03T08:00:00Z",
                new ModelCard.Weights("x.zip", "00", 1_601_600));
        assertEquals("| `x` | co2 | 200 | – | – | 0.6690 | 0.5123 | 10,451 | 1.60 MB | 61 s |", row(c));
    }

    static ModelCard card(String name) {
        return ModelCard.read(ModelCardSchemaTest.WEIGHTS.resolve(name + ".json"));
    }

    /** The card as a row of the README's table of published weights. */
    static String row(ModelCard c) {
        ModelCard.Measured m = c.metrics();
        return String.format(
                Locale.ROOT,
                "| `%s` | %s | %d | %s | %s | %s | %s | %,d | %.2f MB | %,.0f s |",
                c.name(),
                c.dataset().id(),
                c.training().epochs(),
                f4(m.accuracy()),
                f4(m.macroF1()),
                f4(m.rmse()),
                f4(m.mae()),
                c.parameters(),
                c.weights().bytes() / 1e6,
                c.training().seconds());
    }

    private static String f4(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }
}
