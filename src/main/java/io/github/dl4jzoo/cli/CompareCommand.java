package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeReader;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.report.ComparisonReport;
import io.github.dl4jzoo.train.Baselines;
import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.TrainData;
import io.github.dl4jzoo.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoo compare}: several recipes on the same data, split and budget, side by side. With no names, the
 * two reference suites on the embedded data.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Train recipes on the same data under the same budget and write a comparison report.",
            "With no NAMES: the image suite and the time-series suite on the embedded data."
        })
final class CompareCommand implements Callable<Integer> {
    /**
     * A named set of recipes with the epoch budget it is compared under when the user gives none. The image
     * suite's 3 epochs keep the default run to a few minutes on 2 cores; forecasters train their recipes' epochs
     * (on a few hundred windows).
     */
    record Suite(String name, List<String> recipes, Integer epochs) {}

    /** One recipe of the plan, resolved. */
    private record Job(Suite suite, String name, List<String> overrides, Recipe recipe, Trainer.Options options) {}

    static final Map<String, Suite> SUITES = new LinkedHashMap<>();

    static {
        SUITES.put(
                "images", new Suite("images", List.of("linear-softmax", "mlp", "lenet5", "seed-cnn", "lstm-rows"), 3));
        SUITES.put("timeseries", new Suite("timeseries", List.of("lstm-forecast", "mlp-forecast"), null));
    }

    @ParentCommand
    Zoo zoo;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "NAMES", description = "Recipe names or patterns (lenet*, *forecast*).")
    List<String> names = new ArrayList<>();

    @Option(
            names = "--suite",
            paramLabel = "images|timeseries",
            description = "A reference suite (default with no NAMES: both).")
    String suite;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            converter = Bounds.Seeds.class,
            description = "Repeat each recipe with N seeds and report mean and standard deviation (default: 1).")
    int seeds = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: runs/compare-<timestamp>).")
    Path out;

    @Option(names = "--overwrite", description = "Empty the report folder first if it exists.")
    boolean overwrite;

    @Mixin
    TrainCommand.RunOptions run;

    @Override
    public Integer call() {
        Registry registry = zoo.registry();
        List<Suite> plan = plan(registry);
        // Every recipe and option is resolved before the folder is made: a refused comparison leaves nothing.
        List<Job> jobs = new ArrayList<>();
        for (Suite s : plan) {
            for (String name : s.recipes()) {
                Integer epochs = run.epochs != null ? run.epochs : s.epochs();
                for (int i = 0; i < seeds; i++) {
                    List<String> overrides = new ArrayList<>(run.allOverrides(-1));
                    if (epochs != null) {
                        overrides.add("epochs=" + epochs);
                    }
                    Recipe base = registry.get(name, overrides);
                    if (seeds > 1) {
                        overrides.add("seed=" + (base.seed() + i));
                    }
                    Recipe recipe = registry.get(name, overrides);
                    jobs.add(new Job(s, name, overrides, recipe, run.trainerOptions(recipe)));
                }
            }
        }
        Path dir = out != null ? out : defaultDir();
        PrintWriter w = spec.commandLine().getOut();
        List<RunResult> results = new ArrayList<>();
        try (RunFolder folder = RunFolder.create(dir, overwrite, RunFolder.Kind.COMPARISON)) {
            List<Suite> baselinesDone = new ArrayList<>();
            for (Job job : jobs) {
                Recipe recipe = job.recipe();
                TrainData data = TrainData.load(recipe, Optional.ofNullable(run.data));
                Path runPath =
                        dir.resolve("runs").resolve(seeds > 1 ? job.name() + "-seed" + recipe.seed() : job.name());
                try (RunFolder runDir = RunFolder.create(runPath, true)) {
                    runDir.writeText(
                            RunFolder.RECIPE, RecipeReader.resolvedYaml(registry.file(job.name()), job.overrides()));
                    results.add(TrainCommand.train(recipe, data, runDir, job.options(), w));
                }
                w.println(TrainCommand.summary(results.get(results.size() - 1)));
                if (recipe.task() == Recipe.Task.FORECASTING && !baselinesDone.contains(job.suite())) {
                    results.addAll(Baselines.forecasts(recipe, data, Baselines.MONTHS_PER_YEAR));
                    baselinesDone.add(job.suite());
                }
            }
            Map<String, String> env = io.github.dl4jzoo.train.Environment.describe();
            env.put("command", reproduce(spec.commandLine().getParseResult().originalArgs()));
            try {
                ComparisonReport.write(folder.dir(), results, env);
            } catch (IOException e) {
                throw new UncheckedIOException(folder.dir() + ": cannot write the report: " + e.getMessage(), e);
            }
        }
        w.println();
        w.print(table(results));
        w.println("report: " + dir.resolve(ComparisonReport.REPORT_HTML));
        return 0;
    }

    /**
     * The command that, run from the repository root, trains the same comparison again: the arguments as given
     * (paths made absolute, so they do not depend on the folder it was run from), less where the report went.
     */
    static String reproduce(List<String> args) {
        List<String> words = new ArrayList<>(List.of("./zoo"));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (option.equals("--out") || option.equals("--overwrite")) {
                i += option.equals("--out") && !a.contains("=") ? 1 : 0;
                continue;
            }
            if ((a.equals("--models") || a.equals("--data")) && i + 1 < args.size()) {
                words.add(a);
                a = Path.of(args.get(++i)).toAbsolutePath().normalize().toString();
            }
            words.add(a);
        }
        return words.stream().map(CompareCommand::shellWord).collect(java.util.stream.Collectors.joining(" "));
    }

    /** A word as a POSIX shell reads it back: quoted when it holds anything but plain characters. */
    static String shellWord(String w) {
        return w.matches("[A-Za-z0-9_./:=+,@%-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }

    /** The suites to run: the named recipes as one ad-hoc suite, a chosen suite, or both reference suites. */
    private List<Suite> plan(Registry registry) {
        if (suite != null && !names.isEmpty()) {
            throw new Zoo.UserError("compare: give recipe NAMES or --suite, not both");
        }
        if (!names.isEmpty()) {
            return List.of(new Suite("custom", registry.expand(names), null));
        }
        if (suite != null) {
            Suite s = SUITES.get(suite);
            if (s == null) {
                throw new Zoo.UserError(
                        "--suite: expected one of " + String.join(", ", SUITES.keySet()) + ", got " + suite);
            }
            return List.of(s);
        }
        return List.copyOf(SUITES.values());
    }

    private static Path defaultDir() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(System.getProperty("dl4jzoo.home", "."), "runs", "compare-" + stamp)
                .normalize();
    }

    /** The terminal's view of the results: per task, best first. */
    static String table(List<RunResult> results) {
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
                t.row(
                        r.recipe()
                                + (r.seed() != 0
                                                && results.stream()
                                                                .filter(o -> o.recipe()
                                                                        .equals(r.recipe()))
                                                                .count()
                                                        > 1
                                        ? " (seed " + r.seed() + ")"
                                        : ""),
                        r.family(),
                        Table.count(r.parameters()),
                        r.epochs(),
                        String.format(Locale.ROOT, "%.4f", r.test().headline()),
                        String.format(Locale.ROOT, "%.1f", r.trainSeconds()),
                        Table.count(Math.round(r.trainSamplesPerSecond())));
            }
            sb.append(t).append('\n');
        }
        return sb.toString();
    }
}
