package io.github.dl4jzoo.spark;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeReader;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.cli.Cluster;
import io.github.dl4jzoo.cli.Training;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.TaskContext;

/**
 * One run of a sweep, as a Spark task trains it: the same training entry point as {@code zoo train}, in a local
 * working folder that is copied to the sweep's output after every epoch's checkpoint and at the end. A retried
 * attempt (on this executor or another) first fetches what the output holds, so it resumes from the last
 * checkpoint instead of starting again.
 *
 * @param sweepId names the local working folders of this sweep, so two sweeps never share one
 * @param failOnce test hook: the run folder whose attempts die after training epoch 1 (null: none)
 */
record RunTask(Cluster.Settings settings, Cluster.Run run, String out, String sweepId, String failOnce)
        implements Serializable {
    /** Returns the run's result as JSON text ({@link Results}), which is what travels back to the driver. */
    String call() {
        Engine.configure();
        Registry registry =
                Registry.load(settings.models().stream().map(Path::of).toList());
        Recipe recipe = registry.get(run.recipe(), run.overrides());
        Storage storage = Storage.of(out);
        String remote = "runs/" + run.folder();
        Path local = Path.of(System.getProperty("java.io.tmpdir"), "dl4j-zoo-spark", sweepId, run.folder());
        try {
            if (!Files.isRegularFile(local.resolve(RunFolder.STATE))
                    && storage.exists(remote + "/" + RunFolder.STATE)) {
                storage.download(remote, local); // an earlier attempt's checkpoint
            }
            RunFolder folder;
            if (Files.isRegularFile(local.resolve(RunFolder.RECIPE))) {
                folder = RunFolder.open(local);
            } else {
                folder = RunFolder.create(local, true);
                folder.writeText(
                        RunFolder.RECIPE, RecipeReader.resolvedYaml(registry.file(run.recipe()), run.overrides()));
            }
            int attempt = TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber();
            Trainer trainer = new Trainer(new PrintWriter(new StringWriter())).afterEpoch(epoch -> {
                storage.upload(local, remote);
                // Test hook: every attempt that trains epoch 1 dies after it, so only a retry that resumes from
                // the first attempt's checkpoint can finish the run.
                if (run.folder().equals(failOnce) && epoch == 1) {
                    throw new IllegalStateException(
                            "injected fault: " + run.folder() + " dies after epoch 1 (attempt " + attempt + ")");
                }
            });
            RunResult result = Training.train(
                    recipe, folder, Optional.ofNullable(settings.data()).map(Path::of), options(recipe), trainer);
            storage.upload(local, remote);
            deleteTree(local);
            return Results.toJson(Results.at(result, storage.display(remote)));
        } catch (IOException e) {
            throw new UncheckedIOException(run.folder() + ": " + e.getMessage(), e);
        }
    }

    private Trainer.Options options(Recipe recipe) {
        return new Trainer.Options(
                recipe.epochs(),
                settings.timeBudgetMillis() > 0
                        ? Optional.of(Duration.ofMillis(settings.timeBudgetMillis()))
                        : Optional.empty(),
                settings.patience(),
                0,
                Duration.ofMillis(settings.checkpointEveryMillis()));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static List<RunTask> all(Cluster.Settings settings, List<Cluster.Run> runs, String out, String sweepId) {
        String failOnce = System.getProperty("dl4jzoo.spark.failOnce");
        return runs.stream()
                .map(r -> new RunTask(settings, r, out, sweepId, failOnce))
                .toList();
    }
}
