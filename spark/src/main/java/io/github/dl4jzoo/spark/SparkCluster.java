package io.github.dl4jzoo.spark;

import io.github.dl4jzoo.api.Cluster;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Splits;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;

/** The zoo's runs on Apache Spark: one task per run of a sweep, or one recipe trained data-parallel. */
public final class SparkCluster implements Cluster {
    @Override
    public List<RunResult> trainAll(String master, Settings settings, List<Run> runs, String out, PrintWriter log) {
        String sweepId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        long t0 = System.nanoTime();
        try (JavaSparkContext sc = SparkContexts.open(master, "zoo: " + runs.size() + " runs")) {
            double startup = (System.nanoTime() - t0) / 1e9;
            log.printf(
                    Locale.ROOT,
                    "spark: %s, %d runs as %d tasks (Spark started in %.1f s)%n",
                    master,
                    runs.size(),
                    runs.size(),
                    startup);
            log.flush();
            List<RunTask> tasks = RunTask.all(settings, runs, out, sweepId);
            // One partition per run: each run is one task, and an executor's cores are its concurrent tasks.
            List<String> json =
                    sc.parallelize(tasks, tasks.size()).map(RunTask::call).collect();
            return json.stream().map(Results::fromJson).toList();
        }
    }

    @Override
    public void publish(Path localDir, String out) {
        if (!out.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") || out.startsWith("file:")) {
            return;
        }
        Storage storage = Storage.of(out);
        try (Stream<Path> files = Files.list(localDir)) {
            if (files.anyMatch(Files::isRegularFile)) {
                storage.upload(localDir, "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int concurrentTasks(String master) {
        return SparkContexts.localSlots(master);
    }

    @Override
    public RunResult trainParallel(
            String master, Recipe recipe, RunFolder folder, Splits data, Trainer.Options options, PrintWriter log) {
        return ParallelTraining.train(master, recipe, folder, data, options, log);
    }
}
