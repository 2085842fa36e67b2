package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.api.Cluster;
import io.github.dl4jzoo.api.Run;
import io.github.dl4jzoo.api.Settings;
import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.RunResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zoo train NAME}: one recipe into one run folder ({@link io.github.dl4jzoo.api.Zoo#recipe}). */
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

        @Option(
                names = "--gradients",
                description = "Record per-layer gradient and parameter L2 norms and the update:parameter ratio"
                        + " each epoch: gradients.csv and gradients.png in the run folder.")
        boolean gradients;

        @Option(
                names = "--master",
                paramLabel = "URL",
                description = "Run on Apache Spark: local[N], local[*], spark://HOST:PORT or yarn"
                        + " (needs spark/target/zoo-spark.jar, which ./zoo adds).")
        String master;

        /** --set, --epochs, --batch and --seed as recipe overrides, in the form --set takes. */
        List<String> recipeOverrides() {
            List<String> all = new ArrayList<>(overrides);
            if (epochs != null) {
                all.add("epochs=" + epochs);
            }
            if (batch != null) {
                all.add("batchSize=" + batch);
            }
            if (seed != null) {
                all.add("seed=" + seed);
            }
            return all;
        }

        /** These options as every task of a Spark sweep applies them. */
        Cluster.Settings settings(Zoo zoo) {
            return applyTo(io.github.dl4jzoo.api.Zoo.compare(), zoo, new PrintWriter(java.io.Writer.nullWriter()))
                    .clusterSettings();
        }

        /**
         * These options on a training or comparison of the API. --epochs, --batch and --seed are overrides like
         * any other, so the resolved recipe records them.
         */
        <S extends Settings<S>> S applyTo(S s, Zoo zoo, PrintWriter log) {
            s.models(zoo.models).log(log);
            recipeOverrides().forEach(s::set);
            if (data != null) {
                s.data(data);
            }
            s.verbose(verbose)
                    .earlyStopping(patience)
                    .checkpointEvery(checkpointEvery)
                    .gradients(gradients);
            if (master != null) {
                s.master(master);
            }
            return timeBudget == null ? s : s.timeBudget(timeBudget);
        }
    }

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Run r;
        if (resume != null) {
            r = io.github.dl4jzoo.api.Zoo.resume(resume);
        } else if (name == null) {
            throw new Zoo.UserError("train: expected a recipe NAME, or --resume RUN_DIR");
        } else {
            r = io.github.dl4jzoo.api.Zoo.recipe(name).overwrite(overwrite);
        }
        if (out != null) {
            r.out(out); // refused by a resumed run, which keeps its folder
        }
        RunResult result = run.applyTo(r, zoo, w).train();
        w.println(summary(result));
        return result.stopReason().startsWith("diverged") ? DIVERGED : 0;
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
