package io.github.dl4jzoo.api;

import io.github.dl4jzoo.train.SavedRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The zoo as a library. Each method starts one of the four jobs of the {@code zoo} command, with the same
 * defaults; settings chain before the final call:
 *
 * <pre>{@code
 * RunResult run = Zoo.recipe("lenet5").set("epochs", 3).train();
 * Comparison.Result cmp = Zoo.compare("mlp", "lenet5").set("epochs", 3).run();
 * TestMetrics test = Zoo.evaluate(run.runDir());
 * Prediction p = Zoo.predict(run.runDir(), Path.of("t10k-images-idx3-ubyte.gz"));
 * }</pre>
 *
 * Recipes are read from {@code models/} under the {@code dl4jzoo.home} system property (default: the working
 * directory) unless {@link Settings#models} names other folders; runs are written under {@code runs/} there
 * unless {@link Settings#out} names a folder. Before any network is built or loaded, the zoo's engine settings
 * ({@link io.github.dl4jzoo.train.Engine#configure()}) are applied. Bad input (an unknown recipe, a field out of
 * range, a missing file) is reported by a {@link RuntimeException} whose message names it in one line.
 */
public final class Zoo {
    private Zoo() {}

    /** A training of one recipe by name; change it with {@link Run#set} and start it with {@link Run#train()}. */
    public static Run recipe(String name) {
        return Run.of(name);
    }

    /** Continues an interrupted run from its last checkpoint, to the model an uninterrupted run ends with. */
    public static Run resume(Path runDir) {
        return Run.resuming(runDir);
    }

    /**
     * A comparison of recipes by name or wildcard pattern ({@code "lenet*"}) on the same data and budget; with no
     * names, both reference suites. Start it with {@link Comparison#run()}.
     */
    public static Comparison compare(String... names) {
        return Comparison.of(List.of(names));
    }

    /** A comparison of one reference suite: {@code "images"} or {@code "timeseries"}. */
    public static Comparison suite(String name) {
        return Comparison.suite(name);
    }

    /** A saved run's metrics on its recipe's test split (a run folder, or its {@code model.zip}). */
    public static TestMetrics evaluate(Path runDirOrModel) {
        return TestMetrics.of(runDirOrModel, Optional.empty());
    }

    /** As {@link #evaluate(Path)}, with the dataset read from {@code data} (a folder of IDX files or a CSV). */
    public static TestMetrics evaluate(Path runDirOrModel, Path data) {
        return TestMetrics.of(runDirOrModel, Optional.of(data));
    }

    /**
     * A model already loaded, such as a recipe's published weights ({@code Published.load()}), on its recipe's
     * test split; {@code data} names the dataset's folder or file when given.
     */
    public static TestMetrics evaluate(SavedRun saved, Optional<Path> data) {
        return TestMetrics.of(saved, data);
    }

    /** As {@link #predict(Path, Path, Prediction.Options)} with a model already loaded. */
    public static Prediction predict(SavedRun saved, Path input, Prediction.Options options) {
        return Predictor.of(saved, input, options);
    }

    /** A saved run applied to IDX images, a picture (PNG, JPEG) or, for a forecaster, a CSV series. */
    public static Prediction predict(Path runDirOrModel, Path input) {
        return predict(runDirOrModel, input, Prediction.Options.DEFAULTS);
    }

    /** As {@link #predict(Path, Path)}, with options: {@code Prediction.Options.DEFAULTS.withLimit(3)}. */
    public static Prediction predict(Path runDirOrModel, Path input, Prediction.Options options) {
        return Predictor.of(runDirOrModel, input, options);
    }
}
