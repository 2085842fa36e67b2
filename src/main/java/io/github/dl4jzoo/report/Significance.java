package io.github.dl4jzoo.report;

import io.github.dl4jzoo.train.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Is the lead real? The two-sided p-value of a recipe's difference from the best of its section: how likely a gap
 * at least this large would be if the two were in truth equally good.
 *
 * <ul>
 *   <li>Both with at least 2 seeds: Welch's t-test on the headline metric over seeds (B. L. Welch, 1947), which
 *       does not assume equal variances.
 *   <li>Otherwise, classifiers: McNemar's exact test on the paired test predictions of the first seed of each
 *       (Q. McNemar, 1947): only the examples exactly one of the two gets right count, and under the null each
 *       such example is a fair coin.
 *   <li>Otherwise, forecasters and regressors: the Diebold-Mariano test (1995) on the paired squared errors of
 *       the first seed of each, with the small-sample correction of Harvey, Leybourne and Newbold (1997) and a
 *       Student t reference; one-step forecasts, so no autocovariance lags.
 * </ul>
 */
final class Significance {
    /** A p-value and the test that gave it. */
    record Result(double p, Test test) {}

    enum Test {
        MCNEMAR("mcnemar-exact", "McNemar's exact test on the paired test predictions"),
        DIEBOLD_MARIANO("diebold-mariano", "the Diebold-Mariano test on the paired squared forecast errors"),
        WELCH("welch-t", "Welch's t-test over seeds where both have 2 or more");

        /** The name in results.csv and results.json. */
        final String id;

        final String description;

        Test(String id, String description) {
            this.id = id;
            this.description = description;
        }
    }

    private Significance() {}

    /** The p-value of {@code other} against {@code best}; empty for the best itself or when nothing pairs up. */
    static Optional<Result> against(RecipeSummary best, RecipeSummary other, boolean classification) {
        if (best == other) {
            return Optional.empty();
        }
        if (best.runs().size() >= 2 && other.runs().size() >= 2) {
            double[] a = headlines(best), b = headlines(other);
            return Optional.of(new Result(welch(a, b), Test.WELCH));
        }
        RunResult.Predictions x = best.runs().get(0).predictions(),
                y = other.runs().get(0).predictions();
        if (x == null || y == null || x.truth().length == 0 || y.truth().length == 0) {
            return Optional.empty();
        }
        if (classification) {
            if (!java.util.Arrays.equals(x.truth(), y.truth())) {
                return Optional.empty(); // not the same test examples in the same order
            }
            int onlyBest = 0, onlyOther = 0;
            for (int i = 0; i < x.truth().length; i++) {
                boolean bestRight = x.predicted()[i] == x.truth()[i];
                boolean otherRight = y.predicted()[i] == y.truth()[i];
                onlyBest += bestRight && !otherRight ? 1 : 0;
                onlyOther += otherRight && !bestRight ? 1 : 0;
            }
            return Optional.of(new Result(mcNemarExact(onlyBest, onlyOther), Test.MCNEMAR));
        }
        double[][] errors = pairedErrors(x, y);
        if (errors[0].length < 2) {
            return Optional.empty();
        }
        return Optional.of(new Result(dieboldMariano(errors[0], errors[1]), Test.DIEBOLD_MARIANO));
    }

    private static double[] headlines(RecipeSummary r) {
        Measure m = r.higherIsBetter() ? Measure.ACCURACY : Measure.RMSE;
        return r.runs().stream().mapToDouble(m::of).toArray();
    }

    /**
     * Errors of both on the steps they share: by date when both have dates (a baseline may cover a different
     * stretch), else by position when the truths agree.
     */
    static double[][] pairedErrors(RunResult.Predictions x, RunResult.Predictions y) {
        List<double[]> pairs = new ArrayList<>();
        if (!x.dates().isEmpty() && !y.dates().isEmpty()) {
            Map<String, Integer> at = new HashMap<>();
            for (int i = 0; i < y.dates().size(); i++) {
                at.put(y.dates().get(i), i);
            }
            for (int i = 0; i < x.dates().size(); i++) {
                Integer j = at.get(x.dates().get(i));
                if (j != null) {
                    pairs.add(new double[] {x.predicted()[i] - x.truth()[i], y.predicted()[j] - y.truth()[j]});
                }
            }
        } else if (java.util.Arrays.equals(x.truth(), y.truth())) {
            for (int i = 0; i < x.truth().length; i++) {
                pairs.add(new double[] {x.predicted()[i] - x.truth()[i], y.predicted()[i] - y.truth()[i]});
            }
        }
        double[][] out = new double[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[0][i] = pairs.get(i)[0];
            out[1][i] = pairs.get(i)[1];
        }
        return out;
    }

    /**
     * McNemar's exact test: of the {@code b + c} examples exactly one classifier gets right, {@code b} went to the
     * first. Two-sided: twice the binomial(b + c, 1/2) tail at the smaller count, at most 1.
     */
    static double mcNemarExact(int b, int c) {
        int n = b + c;
        if (n == 0) {
            return 1;
        }
        return Math.min(1, 2 * new BinomialDistribution(null, n, 0.5).cumulativeProbability(Math.min(b, c)));
    }

    /** Welch's two-sided t-test of equal means, with the Welch-Satterthwaite degrees of freedom. */
    static double welch(double[] a, double[] b) {
        Stat x = Stat.of(a), y = Stat.of(b);
        double va = x.std() * x.std() / a.length, vb = y.std() * y.std() / b.length;
        double diff = x.mean() - y.mean();
        if (va + vb == 0 || !Double.isFinite(va + vb)) {
            return Double.NaN; // no spread over seeds: the test is undefined, not significant or not
        }
        double t = diff / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return twoSidedT(t, df);
    }

    /**
     * Diebold-Mariano on squared-error loss for one-step forecasts: d = e1² − e2², DM = mean(d) / sqrt(γ₀ / T)
     * with γ₀ the variance of d (divided by T), scaled by sqrt((T − 1) / T) (Harvey, Leybourne and Newbold) and
     * referred to Student's t with T − 1 degrees of freedom.
     */
    static double dieboldMariano(double[] e1, double[] e2) {
        int n = e1.length;
        double[] d = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            d[i] = e1[i] * e1[i] - e2[i] * e2[i];
            mean += d[i] / n;
        }
        double gamma0 = 0;
        for (double v : d) {
            gamma0 += (v - mean) * (v - mean) / n;
        }
        if (gamma0 == 0 || !Double.isFinite(gamma0)) {
            return Double.NaN; // the two lose exactly the same at every step (or diverged)
        }
        double dm = mean / Math.sqrt(gamma0 / n);
        return twoSidedT(dm * Math.sqrt((n - 1.0) / n), n - 1);
    }

    private static double twoSidedT(double t, double df) {
        if (!Double.isFinite(t)) {
            return Double.NaN;
        }
        return 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
    }
}
