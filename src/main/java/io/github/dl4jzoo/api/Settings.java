package io.github.dl4jzoo.api;

import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.train.GradientLog;
import io.github.dl4jzoo.train.TrainException;
import io.github.dl4jzoo.train.Trainer;
import io.github.dl4jzoo.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a training and a comparison share: where the recipes are, recipe overrides, the data's location, the
 * trainer's options and where progress is printed. Every setter returns this object, so settings chain.
 *
 * @param <S> the concrete settings, returned by each setter
 */
public abstract class Settings<S extends Settings<S>> {
    private List<Path> models = List.of(defaultModels());
    final List<String> overrides = new ArrayList<>();
    Optional<Path> data = Optional.empty();
    Trainer.Options options = Trainer.Options.DEFAULTS;
    PrintWriter log = new PrintWriter(System.out, true);
    Optional<Path> out = Optional.empty();
    boolean overwrite;
    boolean gradients;
    Optional<String> master = Optional.empty();

    Settings() {}

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** Recipe folders to search, in order (default: {@code models/} under the {@code dl4jzoo.home} property). */
    public S models(List<Path> folders) {
        this.models = List.copyOf(folders);
        return self();
    }

    /**
     * Overrides one recipe field, as {@code --set key=value} does: {@code set("epochs", 3)}, {@code
     * set("updater.lr", 0.01)}, {@code set("arch.hidden", "[64]")}. Checked when the recipe is read.
     */
    public S set(String key, Object value) {
        overrides.add(key + "=" + value);
        return self();
    }

    /** Overrides one recipe field given as {@code key=value}, exactly as {@code --set} takes it. */
    public S set(String assignment) {
        overrides.add(assignment);
        return self();
    }

    /** The dataset's folder (IDX) or file (CSV), for a recipe whose dataset is not embedded. */
    public S data(Path location) {
        this.data = Optional.of(location);
        return self();
    }

    /** The output folder (default: a new folder under {@code runs/} named with the time). */
    public S out(Path folder) {
        this.out = Optional.of(folder);
        return self();
    }

    /** Empties the output folder first if it exists (else an existing non-empty folder is refused). */
    public S overwrite(boolean yes) {
        this.overwrite = yes;
        return self();
    }

    /** 0 silent, 1 a progress bar (plain lines when not on a terminal), 2 one line per epoch (default 1). */
    public S verbose(int level) {
        options = options.withVerbose(level);
        return self();
    }

    /** Stops after {@code patience} epochs without a better validation metric (needs data.validation). */
    public S earlyStopping(int patience) {
        options = options.withPatience(patience);
        return self();
    }

    /** Stops training after the batch that crosses this budget. */
    public S timeBudget(Duration budget) {
        options = options.withTimeBudget(budget);
        return self();
    }

    /** Checkpoints within an epoch this often (default 5 minutes; there is always one after each epoch). */
    public S checkpointEvery(Duration every) {
        options = options.withCheckpointEvery(every);
        return self();
    }

    /**
     * Records per-layer gradient statistics each epoch in the run's {@code gradients.csv} (the gradient's and the
     * parameters' L2 norms, DL4J's update:parameter ratio), plotted in {@code gradients.png}. Off by default: it
     * costs a few reductions per layer and batch.
     */
    public S gradients(boolean on) {
        this.gradients = on;
        return self();
    }

    /** Adds a listener of your own to every run: it hears of each epoch and batch and may stop the run. */
    public S listener(TrainingListener listener) {
        options = options.withListener(listener);
        return self();
    }

    /** Where progress and summaries are printed (default: standard output). */
    public S log(PrintWriter writer) {
        this.log = writer;
        return self();
    }

    /** The trainer's options for one run: a run's gradient log is its own. */
    Trainer.Options trainerOptions() {
        return gradients ? options.withListener(new GradientLog()) : options;
    }

    /**
     * Runs on Apache Spark: {@code local[N]}, {@code local[*]}, {@code spark://HOST:PORT} or {@code yarn}. A
     * comparison trains each run as one Spark task; a single run trains data-parallel. Needs the zoo's Spark module
     * ({@code spark/target/zoo-spark.jar}) on the class path.
     */
    public S master(String url) {
        this.master = Optional.of(url);
        return self();
    }

    /**
     * How every task of a Spark comparison or sweep trains: these settings, in a form that travels. A listener of
     * the caller's own is an object of this process: it cannot go to the executors, so it is refused.
     */
    public Cluster.Settings clusterSettings() {
        if (!options.listeners().isEmpty()) {
            throw new TrainException("--master: runs on Spark cannot call a listener of this process ("
                    + options.listeners().get(0).getClass().getName() + "); train without --master to use it");
        }
        return new Cluster.Settings(
                models.stream()
                        .map(p -> p.toAbsolutePath().normalize().toString())
                        .toList(),
                data.map(p -> p.toAbsolutePath().toString()).orElse(null),
                options.patience(),
                options.timeBudget().map(java.time.Duration::toMillis).orElse(0L),
                options.checkpointEvery().toMillis(),
                gradients);
    }

    Registry registry() {
        return Registry.load(models.stream().map(Path::normalize).toList());
    }

    static Path home() {
        return Path.of(System.getProperty("dl4jzoo.home", "."));
    }

    private static Path defaultModels() {
        return home().resolve("models").normalize();
    }
}
