package io.github.dl4jzoo.report;

import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The confusion matrix of a section's best classifier, rows the true class, columns the predicted one, summed
 * over its seeds (each seed's test set counted once).
 */
record Confusion(String recipe, int seeds, List<String> classNames, long[][] counts) {
    static Optional<Confusion> of(Section s) {
        if (!s.classification()) {
            return Optional.empty();
        }
        RecipeSummary best = s.best();
        Metrics.Classification first =
                (Metrics.Classification) best.runs().get(0).test();
        int k = first.confusion().length;
        if (k == 0) {
            return Optional.empty();
        }
        long[][] sum = new long[k][k];
        for (RunResult run : best.runs()) {
            long[][] c = ((Metrics.Classification) run.test()).confusion();
            for (int t = 0; t < k; t++) {
                for (int p = 0; p < k; p++) {
                    sum[t][p] += c[t][p];
                }
            }
        }
        // Names label the picture only; a result without them still has a matrix worth showing.
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            names.add(i < first.classNames().size() ? first.classNames().get(i) : Integer.toString(i));
        }
        return Optional.of(new Confusion(best.recipe(), best.runs().size(), names, sum));
    }

    long rowTotal(int trueClass) {
        long n = 0;
        for (long c : counts[trueClass]) {
            n += c;
        }
        return n;
    }

    long columnTotal(int predictedClass) {
        long n = 0;
        for (long[] row : counts) {
            n += row[predictedClass];
        }
        return n;
    }

    /** The file name: recipe names are already file-safe, but a result could come from anywhere. */
    String fileName() {
        return "confusion-" + recipe.replaceAll("[^A-Za-z0-9._-]", "-") + ".png";
    }

    String title() {
        return recipe + ": confusion matrix on the test set" + (seeds > 1 ? " (" + seeds + " seeds)" : "");
    }

    String caption() {
        return "Confusion matrix of " + recipe + " on the test set: rows are the true class, columns the predicted"
                + " one" + (seeds > 1 ? "; counts summed over its " + seeds + " seeds." : ".");
    }
}
