package io.github.dl4jzoo.report;

import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.RunResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table with a header row, each column as wide as its widest cell, for terminals and notebooks:
 * {@code new Table("recipe", "accuracy").alignRight(1).row("mlp", "0.8350")}, printed by {@code toString()}.
 */
public final class Table {
    private static final String NUMBER = "-?[0-9][0-9,.]*";
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] right;

    public Table(String... header) {
        rows.add(header);
        right = new boolean[header.length];
    }

    /**
     * A table of {@code rows} under {@code header}, a column right-aligned when every cell of it is a number
     * ("1,234", "-0.5"): {@code System.out.print(Table.of(List.of("recipe", "params"), rows))}.
     */
    public static Table of(List<String> header, List<? extends List<?>> rows) {
        Table t = new Table(header.toArray(String[]::new));
        for (List<?> r : rows) {
            t.row(r.toArray());
        }
        for (int c = 0; c < header.size(); c++) {
            final int column = c;
            if (!rows.isEmpty()
                    && rows.stream().allMatch(r -> String.valueOf(r.get(column)).matches(NUMBER))) {
                t.alignRight(c);
            }
        }
        return t;
    }

    /** Right-aligns these columns (numbers), counted from 0. */
    public Table alignRight(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    /** Adds a row; each cell is printed with {@code String.valueOf}. */
    public Table row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[right.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String pad = " ".repeat(width[i] - r[i].length());
                line.append(i == 0 ? "" : "  ").append(right[i] ? pad + r[i] : r[i] + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** Comparison results as a terminal reads them: one table per task, best first. */
    public static String results(List<RunResult> results) {
        StringBuilder sb = new StringBuilder();
        for (boolean classification : new boolean[] {true, false}) {
            List<RunResult> rows = results.stream()
                    .filter(r -> (r.test() instanceof Metrics.Classification) == classification)
                    .sorted(Comparator.comparingDouble((RunResult r) ->
                            classification ? -r.test().headline() : r.test().headline()))
                    .toList();
            if (rows.isEmpty()) {
                continue;
            }
            Table t = new Table(
                            "RECIPE",
                            "FAMILY",
                            "PARAMS",
                            "EPOCHS",
                            classification ? "ACCURACY" : "RMSE",
                            "TRAIN S",
                            "SAMPLES/S")
                    .alignRight(2, 3, 4, 5, 6);
            for (RunResult r : rows) {
                boolean seeded = r.seed() != 0
                        && results.stream()
                                        .filter(o -> o.recipe().equals(r.recipe()))
                                        .count()
                                > 1;
                t.row(
                        r.recipe() + (seeded ? " (seed " + r.seed() + ")" : ""),
                        r.family(),
                        Formats.count(r.parameters()),
                        r.epochs(),
                        String.format(Locale.ROOT, "%.4f", r.test().headline()),
                        String.format(Locale.ROOT, "%.1f", r.trainSeconds()),
                        Formats.count(Math.round(r.trainSamplesPerSecond())));
            }
            sb.append(t).append('\n');
        }
        return sb.toString();
    }
}
