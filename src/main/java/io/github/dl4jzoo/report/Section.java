package io.github.dl4jzoo.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The recipes that can be ranked against each other: same task, same dataset (an accuracy on XOR says nothing
 * next to one on Fashion-MNIST). Forecasting baselines share their networks' section, so a reader sees at once
 * whether a network beats them.
 */
record Section(String task, String dataset, List<RecipeSummary> ranked) {
    private static final List<String> TASK_ORDER = List.of("classification", "regression", "forecasting");

    /** Sections in task order (classification, regression, forecasting, then others), datasets by name. */
    static List<Section> of(List<RecipeSummary> summaries) {
        Map<List<String>, List<RecipeSummary>> groups = new LinkedHashMap<>();
        for (RecipeSummary s : summaries) {
            groups.computeIfAbsent(List.of(s.task(), s.dataset()), k -> new ArrayList<>())
                    .add(s);
        }
        List<Section> sections = new ArrayList<>();
        groups.forEach((key, members) -> sections.add(new Section(
                key.get(0),
                key.get(1),
                members.stream().sorted(RecipeSummary.bestFirst()).toList())));
        sections.sort(Comparator.comparingInt((Section s) -> taskRank(s.task))
                .thenComparing(Section::task)
                .thenComparing(Section::dataset));
        return sections;
    }

    private static int taskRank(String task) {
        int i = TASK_ORDER.indexOf(task.toLowerCase(Locale.ROOT));
        return i >= 0 ? i : TASK_ORDER.size();
    }

    boolean classification() {
        return ranked.get(0).higherIsBetter();
    }

    String title() {
        return task.substring(0, 1).toUpperCase(Locale.ROOT) + task.substring(1) + ": " + dataset;
    }

    /** The name of the number this section ranks by. */
    String headlineName() {
        return classification() ? "accuracy" : "RMSE";
    }

    RecipeSummary best() {
        return ranked.get(0);
    }

    /** The p-value of a recipe's difference from the best; empty for the best itself or when nothing pairs. */
    Optional<Significance.Result> significance(RecipeSummary r) {
        // NaN: the test is undefined here (no spread at all), which a reader sees as no p-value.
        return Significance.against(best(), r, classification()).filter(x -> !Double.isNaN(x.p()));
    }

    /**
     * The sentence under the table that says what the p column means, naming the tests it used; empty when the
     * section has no p-value.
     */
    Optional<String> significanceNote() {
        Set<Significance.Test> tests = new TreeSet<>();
        ranked.forEach(r -> significance(r).ifPresent(x -> tests.add(x.test())));
        if (tests.isEmpty()) {
            return Optional.empty();
        }
        String how = tests.stream().map(t -> t.description).collect(Collectors.joining("; "));
        return Optional.of("p vs best: how likely a difference at least this large from " + best().recipe()
                + " would be if the two were in truth equally good (two-sided, " + how + "); below 0.05 the gap is"
                + " unlikely to be luck, above it these runs cannot tell the two apart.");
    }

    /** The headline of one recipe as a person reads it: "accuracy 0.8200 ± 0.0200". */
    String headline(RecipeSummary r) {
        return headlineName() + " "
                + Column.withStd(r.headline(), classification() ? Formats::fraction : Column::error);
    }

    /**
     * What a reader looks for first, in plain sentences: the winner and, where there are baselines, which
     * networks beat the best of them.
     */
    List<String> findings() {
        List<String> lines = new ArrayList<>();
        lines.add("Best: " + best().recipe() + ", " + headline(best()) + ".");
        ranked.stream().filter(RecipeSummary::isBaseline).findFirst().ifPresent(baseline -> {
            List<String> winners = ranked.subList(0, ranked.indexOf(baseline)).stream()
                    .filter(r -> !r.isBaseline())
                    .map(RecipeSummary::recipe)
                    .toList();
            lines.add("Baseline to beat: " + baseline.recipe() + ", " + headline(baseline) + "; "
                    + (winners.isEmpty() ? "no network beats it." : "beaten by " + String.join(", ", winners) + "."));
        });
        return lines;
    }
}
