package io.github.dl4jzoo.report;

import io.github.dl4jzoo.train.RunResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One recipe's runs, one per seed in seed order, and what they have in common. */
record RecipeSummary(String recipe, String family, String task, String dataset, long parameters, List<RunResult> runs) {
    static final String BASELINE_FAMILY = "baseline";

    /**
     * Groups results by recipe name, in order of first appearance. Runs of one recipe must agree on what was run
     * (family, task, dataset, parameters) and differ in seed; anything else is a caller's mistake that would make
     * a mean meaningless, so it is refused.
     */
    static List<RecipeSummary> of(List<RunResult> results) {
        Map<String, List<RunResult>> byRecipe = new LinkedHashMap<>();
        for (RunResult r : results) {
            Objects.requireNonNull(r.test(), () -> "recipe " + r.recipe() + ": a result without test metrics");
            byRecipe.computeIfAbsent(r.recipe(), k -> new ArrayList<>()).add(r);
        }
        List<RecipeSummary> summaries = new ArrayList<>();
        byRecipe.forEach((recipe, runs) -> {
            RunResult first = runs.get(0);
            Set<Long> seeds = new HashSet<>();
            for (RunResult r : runs) {
                if (!r.family().equals(first.family())
                        || !r.task().equals(first.task())
                        || !r.dataset().equals(first.dataset())
                        || r.parameters() != first.parameters()
                        || r.test().getClass() != first.test().getClass()) {
                    throw new IllegalArgumentException("recipe " + recipe
                            + ": runs differ in family, task, dataset, parameters or kind of metrics;"
                            + " only the seed may differ");
                }
                if (!seeds.add(r.seed())) {
                    throw new IllegalArgumentException("recipe " + recipe + ": seed " + r.seed() + " appears twice");
                }
            }
            List<RunResult> bySeed = runs.stream()
                    .sorted(Comparator.comparingLong(RunResult::seed))
                    .toList();
            summaries.add(new RecipeSummary(
                    recipe, first.family(), first.task(), first.dataset(), first.parameters(), bySeed));
        });
        return summaries;
    }

    Stat stat(Measure m) {
        return Stat.of(runs.stream().mapToDouble(m::of).toArray());
    }

    /** The number the comparison ranks by: accuracy for classifiers, RMSE for regressors and forecasters. */
    Stat headline() {
        return stat(higherIsBetter() ? Measure.ACCURACY : Measure.RMSE);
    }

    boolean higherIsBetter() {
        return runs.get(0).test().higherIsBetter();
    }

    boolean isBaseline() {
        return BASELINE_FAMILY.equals(family);
    }

    /** Whether any run trained (a baseline has no epochs, so its training columns are left empty). */
    boolean trained() {
        return runs.stream().anyMatch(r -> r.epochs() > 0);
    }

    /** Whether any run measured a validation metric (a recipe may hold out no validation data). */
    boolean hasValidation() {
        return runs.stream().flatMap(r -> r.history().stream()).anyMatch(e -> Double.isFinite(e.validationMetric()));
    }

    List<Long> seeds() {
        return runs.stream().map(RunResult::seed).toList();
    }

    /** The one stop reason, or each with its count when seeds stopped differently: "epochs ×2, time budget ×1". */
    String stopReasons() {
        Map<String, Long> counts = runs.stream()
                .collect(Collectors.groupingBy(RunResult::stopReason, TreeMap::new, Collectors.counting()));
        if (counts.size() == 1) {
            return counts.keySet().iterator().next();
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Epochs as a person reads them: "20", or "14–20" when seeds stopped at different epochs. */
    String epochsRange() {
        int min = runs.stream().mapToInt(RunResult::epochs).min().orElseThrow();
        int max = runs.stream().mapToInt(RunResult::epochs).max().orElseThrow();
        return min == max ? Integer.toString(min) : min + "–" + max;
    }

    /** Best first: by the headline's mean, NaN (a diverged recipe) last, ties by name. */
    static Comparator<RecipeSummary> bestFirst() {
        return (a, b) -> {
            double x = a.headline().mean(), y = b.headline().mean();
            if (Double.isNaN(x) != Double.isNaN(y)) {
                return Double.isNaN(x) ? 1 : -1;
            }
            int c = a.higherIsBetter() ? Double.compare(y, x) : Double.compare(x, y);
            return c != 0 ? c : a.recipe.compareTo(b.recipe);
        };
    }
}
