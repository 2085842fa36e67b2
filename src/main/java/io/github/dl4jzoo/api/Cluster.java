package io.github.dl4jzoo.api;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Splits;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.TrainException;
import io.github.dl4jzoo.train.Trainer;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Where runs go when a command is given {@code --master}: Apache Spark, through the zoo's Spark module
 * ({@code spark/target/zoo-spark.jar}). It is found with {@link ServiceLoader}, so the zoo jar neither holds nor
 * loads Spark and the commands that do not use it start as fast as before.
 */
public interface Cluster {
    /** One training run: a recipe with its overrides (as {@code --set} takes them), into {@code runs/FOLDER}. */
    record Run(String recipe, List<String> overrides, String folder) implements Serializable {}

    /**
     * How every run of a sweep trains, as {@code zoo train}'s options say: recipe folders, the data path (or
     * null), early-stopping patience, time budget and checkpoint interval in milliseconds (time budget 0: none).
     */
    record Settings(
            List<String> models,
            String data,
            int patience,
            long timeBudgetMillis,
            long checkpointEveryMillis,
            boolean gradients)
            implements Serializable {}

    /**
     * Trains each run as one task (one engine thread each; an executor's cores are its concurrent tasks), writes its
     * run folder under {@code out/runs/} through Hadoop's FileSystem, and returns the results in run order. A task
     * that dies is retried and resumes from its last checkpoint.
     */
    List<RunResult> trainAll(String master, Settings settings, List<Run> runs, String out, PrintWriter log);

    /**
     * Copies the files of a local folder (a report the driver wrote) to {@code out} when that is a URI of another
     * file system ({@code hdfs:}, {@code s3a:}); does nothing for a local path.
     */
    void publish(Path localDir, String out);

    /** How many tasks of {@code master} run at once on one machine (local mode), or 0 when that is not known. */
    int concurrentTasks(String master);

    /**
     * One recipe trained data-parallel on the master's executors, into a run folder like zoo train's, on data
     * loaded (and so checked) before the folder was made.
     */
    RunResult trainParallel(
            String master, Recipe recipe, RunFolder folder, Splits data, Trainer.Options options, PrintWriter log);

    /** The Spark module, or a user error saying how to get it. */
    static Cluster find() {
        return ServiceLoader.load(Cluster.class)
                .findFirst()
                .orElseThrow(() -> new TrainException("--master: Spark is not on the class path; run the command"
                        + " through ./zoo, which adds spark/target/zoo-spark.jar"));
    }
}
