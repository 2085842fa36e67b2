package io.github.dl4jzoo.spark;

import io.github.dl4jzoo.api.Cluster;
import io.github.dl4jzoo.api.Run;
import io.github.dl4jzoo.api.Zoo;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.TrainingContext;
import io.github.dl4jzoo.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One run of a sweep, as a Spark task trains it: the same training entry point as {@code zoo train}, in a local
 * working folder that is copied to the sweep's output after every epoch's checkpoint and at the end. A retried
 * attempt (on this executor or another) first fetches what the output holds, so it resumes from the last
 * checkpoint instead of starting again.
 *
 * @param sweepId names the local working folders of this sweep, so two sweeps never share one
 * @param failOnce test hook: the run folder whose attempts die after training epoch 1 themselves (null: none)
 */
record RunTask(Cluster.Settings settings, Cluster.Run run, String out, String sweepId, String failOnce)
        implements Serializable {
    /** Returns the run's result as JSON text ({@link Results}), which is what travels back to the driver. */
    String call() {
        Storage storage = Storage.of(out);
        String remote = "runs/" + run.folder();
        Path local = Path.of(System.getProperty("java.io.tmpdir"), "dl4j-zoo-spark", sweepId, run.folder());
        try {
            if (!Files.isRegularFile(local.resolve(RunFolder.STATE))
                    && storage.exists(remote + "/" + RunFolder.STATE)) {
                storage.download(remote, local); // an earlier attempt's checkpoint
            }
            // The same entry point as zoo train: a fresh run, or the resumption of an earlier attempt's.
            Run r;
            if (Files.isRegularFile(local.resolve(RunFolder.STATE))) {
                r = Zoo.resume(local);
            } else {
                r = Zoo.recipe(run.recipe())
                        .models(settings.models().stream().map(Path::of).toList())
                        .out(local)
                        .overwrite(true);
                run.overrides().forEach(r::set);
            }
            if (settings.data() != null) {
                r.data(Path.of(settings.data()));
            }
            if (settings.timeBudgetMillis() > 0) {
                r.timeBudget(Duration.ofMillis(settings.timeBudgetMillis()));
            }
            RunResult result = r.verbose(0)
                    .log(new PrintWriter(Writer.nullWriter()))
                    .earlyStopping(settings.patience())
                    .checkpointEvery(Duration.ofMillis(settings.checkpointEveryMillis()))
                    .gradients(settings.gradients())
                    .listener(new Mirror(storage, local, remote, run.folder().equals(failOnce)))
                    .train();
            storage.upload(local, remote);
            deleteTree(local);
            return Results.toJson(Results.at(result, storage.display(remote)));
        } catch (IOException e) {
            throw new UncheckedIOException(run.folder() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the run folder to the sweep's output whenever an epoch's checkpoint is on disk (the zoo writes it
     * after the user's listeners, so the next epoch's start is the first moment it is there).
     *
     * @param dieAfterFirstEpoch test hook: an attempt that trained epoch 1 itself dies once it is checkpointed, so
     *     only an attempt that resumed from that checkpoint can finish the run
     */
    static final class Mirror implements TrainingListener {
        private final Storage storage;
        private final Path local;
        private final String remote;
        private final boolean dieAfterFirstEpoch;
        private int epochsAtStart;

        Mirror(Storage storage, Path local, String remote, boolean dieAfterFirstEpoch) {
            this.storage = storage;
            this.local = local;
            this.remote = remote;
            this.dieAfterFirstEpoch = dieAfterFirstEpoch;
        }

        @Override
        public void onTrainingStart(TrainingContext c) {
            epochsAtStart = c.history().size();
        }

        @Override
        public void onEpochStart(TrainingContext c) {
            if (c.history().size() > epochsAtStart) {
                storage.upload(local, remote);
                if (dieAfterFirstEpoch && c.history().size() == 1) {
                    throw new IllegalStateException("injected fault: " + remote + " dies after epoch 1");
                }
            }
        }
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
