package io.github.dl4jzoo.api;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeReader;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.data.Splits;
import io.github.dl4jzoo.report.ComparisonReport;
import io.github.dl4jzoo.report.Table;
import io.github.dl4jzoo.train.Baselines;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.Environment;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.TrainData;
import io.github.dl4jzoo.train.TrainException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Several recipes trained on the same data, split and budget, then one report side by side: {@code
 * report.html}, {@code report.md}, {@code results.csv}, {@code results.json}, the plots, and one run folder per
 * recipe under {@code runs/}. Forecasters are joined by the naive baselines on the same test period. Made by
 * {@link Zoo#compare} or {@link Zoo#suite}.
 */
public final class Comparison extends Settings<Comparison> {
    /**
     * A named set of recipes with the epoch budget it is compared under when the caller sets none (null: each
     * recipe's own).
     */
    public record Suite(String name, List<String> recipes, Integer epochs) {}

    /**
     * The reference suites. The image suite's 3 epochs keep the default run to a few minutes on 2 cores;
     * forecasters train their recipes' epochs (on a few hundred windows).
     */
    public static final Map<String, Suite> SUITES = suites();

    /** What a comparison hands back: every run's result (baselines included) and the report's folder. */
    public record Result(List<RunResult> results, Path reportDir) {
        /** The report page, one self-contained HTML file. */
        public Path reportHtml() {
            return reportDir.resolve(ComparisonReport.REPORT_HTML);
        }

        /** The results as a terminal reads them: one table per task, best first. */
        public String table() {
            return Table.results(results);
        }
    }

    /** Each seed is a full training of every recipe: a hundred is far more than a mean and deviation need. */
    public static final int MAX_SEEDS = 100;

    /** One run of the plan, resolved; with {@code baselinesAfter}, its suite's forecasting baselines follow it. */
    private record Job(Cluster.Run run, Recipe recipe, boolean baselinesAfter) {}

    private final List<Suite> plan;
    private int seeds = 1;
    private String command;
    private Consumer<RunResult> onEach = r -> {};

    private Comparison(List<Suite> plan) {
        this.plan = plan;
    }

    /** The named recipes or wildcard patterns as one suite; with none, both reference suites. */
    static Comparison of(List<String> names) {
        if (names.isEmpty()) {
            return new Comparison(List.copyOf(SUITES.values()));
        }
        return new Comparison(List.of(new Suite("custom", List.copyOf(names), null)));
    }

    static Comparison suite(String name) {
        Suite s = SUITES.get(name);
        if (s == null) {
            throw new TrainException(
                    "--suite: expected one of " + String.join(", ", SUITES.keySet()) + ", got " + name);
        }
        return new Comparison(List.of(s));
    }

    /** Repeats each recipe with seeds s, s+1, ... (s the recipe's) and reports mean and standard deviation. */
    public Comparison seeds(int n) {
        if (n < 1 || n > MAX_SEEDS) {
            throw new TrainException("--seeds: expected 1 to " + MAX_SEEDS + ", got " + n);
        }
        this.seeds = n;
        return this;
    }

    /** The command line that reproduces this comparison, shown in the report (default: one built from it). */
    public Comparison command(String line) {
        this.command = line;
        return this;
    }

    /** Called after each run, e.g. to print its summary. */
    public Comparison onEach(Consumer<RunResult> consumer) {
        this.onEach = consumer;
        return this;
    }

    /** Trains every recipe of the plan, writes the report and returns the results. */
    public Result run() {
        Registry registry = registry();
        List<Suite> suites = new ArrayList<>();
        for (Suite s : plan) {
            suites.add(new Suite(s.name(), registry.expand(s.recipes()), s.epochs()));
        }
        java.util.Optional<Cluster> cluster = master.map(m -> Cluster.find());
        boolean epochsSet = overrides.stream().anyMatch(o -> o.startsWith("epochs="));
        // Every run is resolved before the folder is made, so that a refused comparison leaves nothing; a suite's
        // forecasting baselines come after its first forecaster.
        List<Job> jobs = new ArrayList<>();
        for (Suite s : suites) {
            boolean baselinesDone = false;
            for (String name : s.recipes()) {
                for (int i = 0; i < seeds; i++) {
                    List<String> overrides = new ArrayList<>(this.overrides);
                    if (!epochsSet && s.epochs() != null) {
                        overrides.add("epochs=" + s.epochs());
                    }
                    if (seeds > 1) {
                        overrides.add("seed=" + (registry.get(name, overrides).seed() + i));
                    }
                    Recipe recipe = registry.get(name, overrides);
                    Cluster.Run run =
                            new Cluster.Run(name, overrides, seeds > 1 ? name + "-seed" + recipe.seed() : name);
                    TrainData.checkData(recipe, this.data);
                    boolean baselines = recipe.task() == Recipe.Task.FORECASTING && !baselinesDone;
                    jobs.add(new Job(run, recipe, baselines));
                    baselinesDone |= baselines;
                }
            }
        }
        Engine.configure(); // a switch it cannot honour is refused before the folder is made
        Path dir = out.orElseGet(() -> Run.defaultDir("compare"));
        try (RunFolder folder = RunFolder.create(dir, overwrite, RunFolder.Kind.COMPARISON)) {
            Map<String, String> env = Environment.describe();
            List<RunResult> trained = new ArrayList<>();
            if (cluster.isPresent()) {
                List<Cluster.Run> runs = jobs.stream().map(Job::run).toList();
                trained.addAll(cluster.get()
                        .trainAll(
                                master.get(),
                                clusterSettings(),
                                runs,
                                folder.dir().toString(),
                                log));
                int atOnce = Math.min(cluster.get().concurrentTasks(master.get()), runs.size());
                if (atOnce > 1) {
                    env.put(
                            "runs at once",
                            atOnce + " (Spark " + master.get() + "): times and samples/s were measured side by side");
                }
            }
            List<RunResult> results = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                Job job = jobs.get(i);
                Splits data = null;
                if (cluster.isEmpty()) {
                    data = TrainData.load(job.recipe(), this.data);
                    try (RunFolder runDir = RunFolder.create(
                            folder.dir().resolve("runs").resolve(job.run().folder()), true)) {
                        runDir.writeText(
                                RunFolder.RECIPE,
                                RecipeReader.resolvedYaml(
                                        registry.file(job.run().recipe()),
                                        job.run().overrides()));
                        trained.add(Run.train(job.recipe(), data, runDir, this));
                    }
                }
                RunResult result = trained.get(i);
                results.add(result);
                onEach.accept(result);
                if (job.baselinesAfter()) {
                    data = data != null ? data : TrainData.load(job.recipe(), this.data);
                    results.addAll(Baselines.forecasts(job.recipe(), data));
                }
            }
            env.put("command", command != null ? command : commandLine(suites));
            try {
                ComparisonReport.write(folder.dir(), results, env);
            } catch (IOException e) {
                throw new UncheckedIOException(folder.dir() + ": cannot write the report: " + e.getMessage(), e);
            }
            return new Result(List.copyOf(results), folder.dir());
        }
    }

    /** The {@code zoo compare} line that does the same, run from the repository's root. */
    private String commandLine(List<Suite> suites) {
        StringBuilder sb = new StringBuilder("./zoo compare");
        if (plan.size() == 1 && plan.get(0).name().equals("custom")) {
            suites.get(0).recipes().forEach(n -> sb.append(' ').append(n));
        } else if (plan.size() == 1) {
            sb.append(" --suite ").append(plan.get(0).name());
        }
        if (seeds > 1) {
            sb.append(" --seeds ").append(seeds);
        }
        overrides.forEach(o -> sb.append(" --set ").append(o));
        data.ifPresent(d -> sb.append(" --data ").append(d.toAbsolutePath().normalize()));
        return sb.toString();
    }

    private static Map<String, Suite> suites() {
        Map<String, Suite> m = new LinkedHashMap<>();
        m.put("images", new Suite("images", List.of("linear-softmax", "mlp", "lenet5", "seed-cnn", "lstm-rows"), 3));
        m.put("timeseries", new Suite("timeseries", List.of("lstm-forecast", "mlp-forecast"), null));
        return java.util.Collections.unmodifiableMap(m);
    }
}
