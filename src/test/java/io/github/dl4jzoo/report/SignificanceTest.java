package io.github.dl4jzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.train.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each test's arithmetic against a case small enough to work out by hand. */
class SignificanceTest {
    @Test
    void mcNemarExactIsTwiceTheBinomialTailOfTheDiscordantPairs() {
        // 1 + 5 discordant examples: P(X <= 1) for Binomial(6, 1/2) = (1 + 6) / 64, doubled: 14 / 64.
        assertEquals(14.0 / 64, Significance.mcNemarExact(1, 5), 1e-12);
        assertEquals(14.0 / 64, Significance.mcNemarExact(5, 1), 1e-12);
        // 0 of 3: 2 x 1/8.
        assertEquals(0.25, Significance.mcNemarExact(0, 3), 1e-12);
        // Equal counts (or none) are no evidence at all: capped at 1.
        assertEquals(1.0, Significance.mcNemarExact(4, 4), 1e-12);
        assertEquals(1.0, Significance.mcNemarExact(0, 0), 1e-12);
        // Thousands of discordant examples are no error: 2 x 2^-2000 is 0 to double precision.
        assertEquals(0.0, Significance.mcNemarExact(0, 2000));
        assertEquals(0.0, Significance.mcNemarExact(2000, 0));
    }

    @Test
    void welchOnTwoSeedsEachWithEqualSpreadHasTwoDegreesOfFreedom() {
        // Means 1 and 4, sample variances 2 and 2: se = sqrt(2/2 + 2/2) = sqrt(2), t = -3 / sqrt(2), and the
        // Welch-Satterthwaite df = (1 + 1)^2 / (1^2 / 1 + 1^2 / 1) = 2. With 2 df the t distribution has the
        // closed form F(t) = 1/2 + t / (2 sqrt(2 + t^2)), so p = 1 - |t| / sqrt(2 + t^2) = 1 - 3 / sqrt(13).
        assertEquals(1 - 3 / Math.sqrt(13), Significance.welch(new double[] {0, 2}, new double[] {3, 5}), 1e-9);
        // Identical samples: no difference at all.
        assertEquals(1.0, Significance.welch(new double[] {0.8, 0.9}, new double[] {0.8, 0.9}), 1e-12);
        // No spread in either: undefined rather than a made-up certainty.
        assertTrue(Double.isNaN(Significance.welch(new double[] {0.8, 0.8}, new double[] {0.9, 0.9})));
    }

    @Test
    void dieboldMarianoWithTheSmallSampleCorrection() {
        // Errors 1, 2, 1, 2 against 0, 1, 0, 1: loss differences d = 1, 3, 1, 3, mean 2, gamma0 = 1 (divided by
        // T = 4), DM = 2 / sqrt(1/4) = 4, corrected by sqrt(3/4) to 2 sqrt(3), against t with 3 df, whose
        // distribution is F(t) = 1/2 + (t / (sqrt(3)(1 + t^2/3)) + atan(t / sqrt(3))) / pi. At 2 sqrt(3):
        // 1/2 + (2/5 + atan 2) / pi, so p = 2 (1 - F) = 1 - 2 (0.4 + atan 2) / pi = 0.0405...
        double expected = 1 - 2 * (0.4 + Math.atan(2)) / Math.PI;
        assertEquals(expected, Significance.dieboldMariano(new double[] {1, 2, 1, 2}, new double[] {0, 1, 0, 1}), 1e-9);
        assertEquals(0.0405, expected, 1e-4);
        // The sign does not matter: the test is two-sided.
        assertEquals(expected, Significance.dieboldMariano(new double[] {0, 1, 0, 1}, new double[] {1, 2, 1, 2}), 1e-9);
    }

    @Test
    void forecastsArePairedByDateWhereTheyOverlap() {
        RunResult.Predictions net =
                new RunResult.Predictions(List.of("a", "b", "c"), new double[] {1, 2, 3}, new double[] {1.5, 2, 2});
        RunResult.Predictions baseline =
                new RunResult.Predictions(List.of("b", "c", "d"), new double[] {2, 3, 4}, new double[] {1, 3, 5});
        double[][] errors = Significance.pairedErrors(net, baseline);
        assertEquals(List.of(0.0, -1.0), List.of(errors[0][0], errors[0][1]));
        assertEquals(List.of(-1.0, 0.0), List.of(errors[1][0], errors[1][1]));
    }
}
