package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeReader;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.report.RunReport;
import io.github.dl4jzoo.train.Environment;
import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.TrainData;
import io.github.dl4jzoo.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zoo train NAME}: one recipe into one run folder. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Train a recipe: writes the resolved recipe, model, metrics, history and plots into a run folder.")
final class TrainCommand implements Callable<Integer> {
    /** Exit code of a run that stopped because its loss diverged. */
    static final int DIVERGED = 3;

    @ParentCommand
    Zoo zoo;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "A recipe name (see zoo list).")
    String name;

    @Mixin
    RunOptions run;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/NAME-<timestamp>).")
    Path out;

    @Option(names = "--overwrite", description = "Empty the run folder first if it exists.")
    boolean overwrite;

    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description = "Continue an interrupted run from its last checkpoint.")
    Path resume;

    /** The options train and compare share. */
    static final class RunOptions {
        @Option(
                names = "--epochs",
                paramLabel = "N",
                converter = Bounds.Count.class,
                description = "Epochs (default: the recipe's).")
        Integer epochs;

        @Option(
                names = "--batch",
                paramLabel = "N",
                converter = Bounds.Count.class,
                description = "Batch size (default: the recipe's).")
        Integer batch;

        @Option(names = "--seed", paramLabel = "N", description = "Seed (default: the recipe's).")
        Long seed;

        @Option(
                names = "--set",
                paramLabel = "KEY=VALUE",
                description = "Override a recipe field, e.g. --set updater.lr=0.01.")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--data", paramLabel = "PATH", description = "The dataset's folder (IDX) or file (CSV).")
        Path data;

        @Option(
                names = "--verbose",
                paramLabel = "0|1|2",
                converter = Bounds.Verbosity.class,
                description = "0 silent, 1 progress bar, 2 a line per epoch (default: 1).")
        int verbose = 1;

        @Option(
                names = "--early-stopping",
                paramLabel = "PATIENCE",
                converter = Bounds.Patience.class,
                description = "Stop after PATIENCE epochs without a better validation metric.")
        int patience;

        @Option(
                names = "--time-budget",
                paramLabel = "DURATION",
                converter = Durations.class,
                description = "Stop training after this long, e.g. 90s, 5m.")
        Duration timeBudget;

        @Option(
                names = "--checkpoint-every",
                paramLabel = "DURATION",
                converter = Durations.class,
                description = "Checkpoint within long epochs this often (default: 5m).")
        Duration checkpointEvery = Duration.ofMinutes(5);

        /** --epochs, --batch and --seed are overrides like any other, so the resolved recipe records them. */
        List<String> allOverrides(long seedOverride) {
            List<String> all = new ArrayList<>(overrides);
            if (epochs != null) {
                all.add("epochs=" + epochs);
            }
            if (batch != null) {
                all.add("batchSize=" + batch);
            }
            if (seedOverride >= 0) {
                all.add("seed=" + seedOverride);
            } else if (seed != null) {
                all.add("seed=" + seed);
            }
            return all;
        }

        Trainer.Options trainerOptions(Recipe recipe) {
            return new Trainer.Options(
                    recipe.epochs(), Optional.ofNullable(timeBudget), patience, verbose, checkpointEvery);
        }
    }

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (resume != null) {
            return resume(w);
        }
        if (name == null) {
            throw new Zoo.UserError("train: expected a recipe NAME, or --resume RUN_DIR");
        }
        Registry registry = zoo.registry();
        List<String> overrides = run.allOverrides(-1);
        Recipe recipe = registry.get(name, overrides);
        // Everything that can be refused is checked before the folder is made: a refused start leaves nothing.
        Trainer.Options options = run.trainerOptions(recipe);
        TrainData data = TrainData.load(recipe, Optional.ofNullable(run.data));
        try (RunFolder folder = RunFolder.create(out != null ? out : defaultRunDir(name), overwrite)) {
            folder.writeText(RunFolder.RECIPE, RecipeReader.resolvedYaml(registry.file(name), overrides));
            return exitCode(train(recipe, data, folder, options, w), w);
        }
    }

    /**
     * Goes on with an interrupted run as its resolved recipe says. Options that would change the recipe are
     * refused, except more epochs: a run that ended after its epochs then trains on to the new number.
     */
    private int resume(PrintWriter w) {
        if (name != null) {
            throw new Zoo.UserError("train: give a recipe NAME or --resume RUN_DIR, not both");
        }
        if (!run.overrides.isEmpty() || run.batch != null || run.seed != null || out != null || overwrite) {
            throw new Zoo.UserError("--resume: the run goes on as its recipe.yaml says; --set, --batch, --seed, --out"
                    + " and --overwrite cannot change it (only --epochs can add epochs): train a new run instead");
        }
        try (RunFolder folder = RunFolder.resume(resume)) {
            List<String> more = run.epochs == null ? List.of() : List.of("epochs=" + run.epochs);
            Recipe recipe = RecipeReader.read(folder.file(RunFolder.RECIPE), more);
            Trainer.Options options = run.trainerOptions(recipe);
            TrainData data = TrainData.load(recipe, Optional.ofNullable(run.data));
            if (Trainer.isFinished(folder) && !RunReport.missing(folder.dir()).isEmpty()) {
                return complete(recipe, data, folder, w);
            }
            Trainer.checkCanGoOn(folder, recipe.epochs());
            if (!more.isEmpty()) {
                folder.writeText(RunFolder.RECIPE, RecipeReader.resolvedYaml(folder.file(RunFolder.RECIPE), more));
            }
            return exitCode(train(recipe, data, folder, options, w), w);
        }
    }

    /** Writes the reports a finished run lacks (it was killed after saving its model): nothing else changes. */
    private static int complete(Recipe recipe, TrainData data, RunFolder folder, PrintWriter w) {
        RunResult result = new Trainer(w).finished(recipe, data, folder);
        List<String> written;
        try {
            written = RunReport.write(folder.dir(), result, true);
        } catch (IOException e) {
            throw new UncheckedIOException(folder.dir() + ": cannot write the run's reports: " + e.getMessage(), e);
        }
        w.println(folder.dir() + ": the run was finished; wrote what it lacked: " + String.join(", ", written));
        return exitCode(result, w);
    }

    private static int exitCode(RunResult result, PrintWriter w) {
        w.println(summary(result));
        return result.stopReason().startsWith("diverged") ? DIVERGED : 0;
    }

    /** Trains into a folder and writes the run's reports. Shared with compare. */
    static RunResult train(Recipe recipe, TrainData data, RunFolder folder, Trainer.Options options, PrintWriter w) {
        folder.writeText("env.json", Json.write(Environment.describe()));
        RunResult result = new Trainer(w).run(recipe, data, folder, options);
        try {
            RunReport.write(folder.dir(), result);
        } catch (IOException e) {
            throw new UncheckedIOException(folder.dir() + ": cannot write the run's reports: " + e.getMessage(), e);
        }
        return result;
    }

    static Path defaultRunDir(String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(System.getProperty("dl4jzoo.home", "."), "runs", name + "-" + stamp)
                .normalize();
    }

    static String summary(RunResult r) {
        String metric = r.test() instanceof Metrics.Classification c
                ? String.format(Locale.ROOT, "test accuracy %.4f", c.accuracy())
                : String.format(Locale.ROOT, "test RMSE %.4f", ((Metrics.Regression) r.test()).rmse());
        return String.format(
                Locale.ROOT,
                "%s: %s after %d epochs (%s), %.1f s training; run folder %s",
                r.recipe(),
                metric,
                r.epochs(),
                r.stopReason(),
                r.trainSeconds(),
                r.runDir());
    }
}
