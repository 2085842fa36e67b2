package io.github.dl4jzoo.report;

import java.util.List;

/** Sentences that the Markdown and the HTML page share, so that both say the same thing. */
final class Pages {
    /** The environment entry holding the command that produced the comparison. */
    static final String COMMAND_KEY = "command";

    static final String REPRODUCE = "From the repository's root, at the same git commit:";

    private Pages() {}

    static String intro(List<Section> sections) {
        int recipes = sections.stream().mapToInt(s -> s.ranked().size()).sum();
        int runs = sections.stream()
                .flatMap(s -> s.ranked().stream())
                .mapToInt(r -> r.runs().size())
                .sum();
        return recipes + (recipes == 1 ? " recipe" : " recipes") + ", " + runs + (runs == 1 ? " run" : " runs")
                + ". Each table ranks the recipes of one task on one dataset, best first. With several seeds a value"
                + " is the mean ± the sample standard deviation (n − 1) over the seeds. Speeds are measured on the machine"
                + " below; memory is each run's peak heap and peak resident set (heap, native code and ND4J buffers), in MB (10⁶ bytes).";
    }

    static String ranking(Section s) {
        String ranking = s.classification()
                ? "Ranked by test accuracy (higher is better)."
                : "Ranked by test RMSE in the data's own units (lower is better).";
        if (s.ranked().stream().anyMatch(RecipeSummary::isBaseline)) {
            ranking += " Baselines (family baseline) have no parameters and do not train: a network that does not"
                    + " beat them has not learnt the series.";
        }
        return ranking;
    }
}
