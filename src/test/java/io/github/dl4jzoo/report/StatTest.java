package io.github.dl4jzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mean and sample standard deviation over seeds, on numbers small enough to check by hand. */
class StatTest {
    @Test
    void sampleStandardDeviationDividesByNMinusOne() {
        // Deviations -0.02, 0, 0.02: squares sum to 0.0008; / (3 - 1) = 0.0004; root 0.02.
        Stat s = Stat.of(new double[] {0.80, 0.82, 0.84});
        assertEquals(0.82, s.mean(), 1e-12);
        assertEquals(0.02, s.std(), 1e-12);
        assertEquals(3, s.n());
    }

    @Test
    void oneSeedHasNoDeviation() {
        Stat s = Stat.of(new double[] {0.9});
        assertEquals(0.9, s.mean());
        assertTrue(Double.isNaN(s.std()));
    }

    @Test
    void aDivergedSeedMakesTheMeanNaN() {
        assertTrue(Double.isNaN(Stat.of(new double[] {0.5, Double.NaN}).mean()));
    }

    @Test
    void aRecipesSeedsAreSummarisedPerMeasure() {
        List<RecipeSummary> summaries = RecipeSummary.of(HandMade.comparison());
        RecipeSummary mlp = summaries.get(0);
        assertEquals("mlp", mlp.recipe());
        assertEquals(List.of(1L, 2L, 3L), mlp.seeds());
        assertEquals(0.82, mlp.stat(Measure.ACCURACY).mean(), 1e-12);
        assertEquals(0.02, mlp.stat(Measure.ACCURACY).std(), 1e-12);
        assertEquals(0.87, mlp.stat(Measure.MACRO_PRECISION).mean(), 1e-12);
        assertEquals(0.0, mlp.stat(Measure.TRAIN_SECONDS).std(), 1e-12);
        assertTrue(Double.isNaN(mlp.stat(Measure.RMSE).mean()), "RMSE does not apply to a classifier");
    }

    @Test
    void runsOfOneRecipeMayDifferOnlyInSeed() {
        var a = HandMade.classifier("mlp", "mlp", 1, 1000, 0.8, HandMade.threeEpochs(0.8));
        var otherSize = HandMade.classifier("mlp", "mlp", 2, 2000, 0.8, HandMade.threeEpochs(0.8));
        var sameSeed = HandMade.classifier("mlp", "mlp", 1, 1000, 0.9, HandMade.threeEpochs(0.8));
        assertEquals(
                "recipe mlp: runs differ in family, task, dataset, parameters or kind of metrics; only the seed may"
                        + " differ",
                assertThrows(IllegalArgumentException.class, () -> RecipeSummary.of(List.of(a, otherSize)))
                        .getMessage());
        assertEquals(
                "recipe mlp: seed 1 appears twice",
                assertThrows(IllegalArgumentException.class, () -> RecipeSummary.of(List.of(a, sameSeed)))
                        .getMessage());
    }
}
