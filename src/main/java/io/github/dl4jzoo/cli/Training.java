package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.report.RunReport;
import io.github.dl4jzoo.train.Environment;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.TrainData;
import io.github.dl4jzoo.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one training entry point: {@code zoo train}, {@code zoo compare} and every task of a Spark sweep go
 * through it, so a run folder is the same whichever started it.
 */
public final class Training {
    private Training() {}

    /** Loads the data, trains (or resumes) into {@code folder}, and writes the run's reports and environment. */
    public static RunResult train(
            Recipe recipe, RunFolder folder, Optional<Path> data, Trainer.Options options, Trainer trainer) {
        TrainData loaded = TrainData.load(recipe, data);
        writeEnvironment(folder);
        RunResult result = trainer.run(recipe, loaded, folder, options);
        writeReports(folder, result);
        return result;
    }

    /** metrics.json, history.csv and the learning curves of a finished run. */
    public static void writeReports(RunFolder folder, RunResult result) {
        try {
            RunReport.write(folder.dir(), result);
        } catch (IOException e) {
            throw new UncheckedIOException(folder.dir() + ": cannot write the run's reports: " + e.getMessage(), e);
        }
    }

    /** The environment record a run folder keeps ({@code env.json}). */
    public static void writeEnvironment(RunFolder folder) {
        folder.writeText("env.json", Json.write(Environment.describe()));
    }
}
