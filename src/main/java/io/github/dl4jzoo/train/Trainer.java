package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Splits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Trains one recipe into a run folder. The loop itself only draws batches and updates the network; everything
 * around it is a {@link TrainingListener}: progress, checkpoints, early stopping, the divergence guard,
 * validation, test evaluation, latency and memory, and any listener of the caller's. A run killed at any point
 * resumes from its last checkpoint with the same data order and updater state, and ends with the same metrics
 * as a run that was never interrupted.
 */
public final class Trainer {
    /**
     * How a run trains beyond its recipe; start from {@link #DEFAULTS} and change what you need.
     *
     * @param timeBudget stop after the batch that crosses it
     * @param patience early stopping: epochs without a better validation metric before stopping (0: off)
     * @param verbose 0 silent, 1 progress bar (plain lines when not on a terminal), 2 one line per epoch
     * @param checkpointEvery how often to checkpoint within an epoch (there is always one after each epoch)
     * @param listeners the caller's own listeners, called in this order after the zoo's progress listener
     */
    public record Options(
            Optional<Duration> timeBudget,
            int patience,
            int verbose,
            Duration checkpointEvery,
            List<TrainingListener> listeners) {
        /** No time budget, no early stopping, a progress bar, a checkpoint every 5 minutes within an epoch. */
        public static final Options DEFAULTS = new Options(Optional.empty(), 0, 1, Duration.ofMinutes(5), List.of());

        public Options {
            if (patience < 0) {
                throw new TrainException("--early-stopping: expected a patience of at least 1 epoch, got " + patience);
            }
            if (verbose < 0 || verbose > 2) {
                throw new TrainException("--verbose: expected 0, 1 or 2, got " + verbose);
            }
            listeners = List.copyOf(listeners);
        }

        public Options withTimeBudget(Duration budget) {
            return new Options(Optional.of(budget), patience, verbose, checkpointEvery, listeners);
        }

        public Options withPatience(int epochs) {
            return new Options(timeBudget, epochs, verbose, checkpointEvery, listeners);
        }

        public Options withVerbose(int level) {
            return new Options(timeBudget, patience, level, checkpointEvery, listeners);
        }

        public Options withCheckpointEvery(Duration every) {
            return new Options(timeBudget, patience, verbose, every, listeners);
        }

        /** These options with {@code listener} added after the ones already given. */
        public Options withListener(TrainingListener listener) {
            List<TrainingListener> all = new ArrayList<>(listeners);
            all.add(listener);
            return new Options(timeBudget, patience, verbose, checkpointEvery, all);
        }
    }

    private final PrintWriter out;

    /** @param out where progress is printed */
    public Trainer(PrintWriter out) {
        this.out = out;
    }

    /** Trains from scratch, or resumes when the folder holds a checkpoint of an unfinished run. */
    public RunResult run(Recipe recipe, Splits data, RunFolder folder, Options opt) {
        return run(recipe, data, folder, opt, Optional.empty());
    }

    /**
     * As {@link #run(Recipe, Splits, RunFolder, Options)}, starting a new run from {@code start} (a network
     * of the recipe's shape, e.g. published weights prepared for fine-tuning) instead of fresh parameters.
     */
    public RunResult run(Recipe recipe, Splits data, RunFolder folder, Options opt, Optional<MultiLayerNetwork> start) {
        Checkpoints.State s = Checkpoints.read(folder);
        checkCanGoOn(folder, recipe.epochs()); // a finished run goes on only to more epochs, from its last one
        if (opt.patience() > 0 && data.validation().isEmpty()) {
            throw new TrainException("--early-stopping: recipe " + recipe.name()
                    + " holds out no validation data; set data.validation, e.g. --set data.validation=0.1");
        }
        if (!data.classNames().isEmpty()) {
            folder.writeText(SavedRun.CLASSES, String.join("\n", data.classNames()) + "\n");
        }
        MultiLayerNetwork net = s.checkpoint() == null
                ? start.orElseGet(() -> Networks.build(recipe))
                : Checkpoints.restore(folder.file(s.checkpoint()));
        FastUpdaters.install(net);
        FastLstm.install(net);
        TrainingContext c = new TrainingContext(recipe, data, folder, net, s);
        TestEvaluation test = new TestEvaluation();
        Latency latency = new Latency();
        Memory memory = new Memory();
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new DivergenceGuard());
        if (data.validation().isPresent()) {
            listeners.add(new Validation());
        }
        if (opt.patience() > 0) {
            listeners.add(new EarlyStopping(opt.patience()));
        }
        listeners.addAll(
                List.of(test, latency, memory, new Progress(out, opt.verbose(), recipe.epochs(), recipe.name())));
        listeners.addAll(opt.listeners());
        listeners.add(new Checkpoints(opt.checkpointEvery()));
        opt.timeBudget().ifPresent(b -> listeners.add(new TimeBudget(b)));

        listeners.forEach(l -> l.onTrainingStart(c));
        DataSetIterator train = data.train();
        FastDense step = FastDense.of(c.network());
        while (c.stopReason().isEmpty() && c.history().size() < recipe.epochs()) {
            int epoch = c.history().size();
            data.startEpoch(epoch);
            for (long skip = 0; skip < c.batch(); skip++) {
                train.next(); // resuming mid-epoch: the same batches, drawn and dropped
            }
            c.startEpoch(epoch, expectedBatches(train));
            listeners.forEach(l -> l.onEpochStart(c));
            while (train.hasNext()) {
                long t0 = System.nanoTime();
                DataSet batch = train.next();
                if (step.network() != c.network()) {
                    step = FastDense.of(c.network()); // restored from a checkpoint: a new network object
                }
                step.fit(batch);
                c.batchDone(c.network().score(), batch.numExamples(), (System.nanoTime() - t0) / 1e9);
                for (TrainingListener l : listeners) {
                    l.onBatchEnd(c);
                    if (c.rolledBack()) {
                        break; // the batch is not part of the run: no later listener hears of it
                    }
                }
                if (c.stopReason().isPresent()) {
                    break;
                }
            }
            if (c.rolledBack()) {
                c.restored(Checkpoints.restore(folder.file(c.lastCheckpoint())));
                break;
            }
            c.endEpoch();
            listeners.forEach(l -> l.onEpochEnd(c));
            c.clearEpochCounts();
        }
        c.stop("epochs");
        saveModel(c.network(), recipe, data, folder);
        listeners.forEach(l -> l.onTrainingEnd(c));
        return result(c, test, latency, memory);
    }

    /** Refuses to go on with a finished run, unless it ended after its epochs and {@code epochs} asks for more. */
    public static void checkCanGoOn(RunFolder folder, int epochs) {
        Checkpoints.State s = Checkpoints.read(folder);
        if (s.stopReason() != null
                && (!s.stopReason().equals("epochs") || epochs <= s.history().size())) {
            throw new TrainException(folder.dir() + ": the run is finished (" + s.stopReason() + " after "
                    + s.history().size() + " epochs); evaluate it with zoo evaluate, or train a new one");
        }
    }

    /**
     * Refuses to go on with a run on other data than it started with: every file its state records as read must
     * be read now, with the same bytes (the recipe does not hold {@code --data}, so a resume must give it again).
     */
    public static void checkSameData(RunFolder folder, Splits data) {
        List<RunResult.Source> recorded = Checkpoints.read(folder).data();
        if (recorded != null) {
            TrainData.checkSameAs(recorded, TrainData.read(data), "resume with the --data the run was started with");
        }
    }

    /** Whether the run in {@code folder} has ended (its model is saved). */
    public static boolean isFinished(RunFolder folder) {
        return Checkpoints.read(folder).stopReason() != null;
    }

    /**
     * The result of a finished run, measured again from its saved model: how a run killed while its reports were
     * written gets them. The test metrics are the same; speed and memory are measured anew.
     */
    public RunResult finished(Recipe recipe, Splits data, RunFolder folder) {
        Checkpoints.State s = Checkpoints.read(folder);
        if (s.stopReason() == null) {
            throw new TrainException(folder.dir() + ": the run is not finished; zoo train --resume goes on with it");
        }
        TrainingContext c =
                new TrainingContext(recipe, data, folder, Checkpoints.restore(folder.file(RunFolder.MODEL)), s);
        c.stop(s.stopReason());
        TestEvaluation test = new TestEvaluation();
        Latency latency = new Latency();
        Memory memory = new Memory();
        for (TrainingListener l : List.of(test, latency, memory)) {
            l.onTrainingStart(c);
            l.onTrainingEnd(c);
        }
        return result(c, test, latency, memory);
    }

    /**
     * Ends a run whose network was trained elsewhere (data-parallel on Spark) as {@link #run} ends one: saves the
     * model with the data's normaliser, measures the test metrics, speed and memory, and marks the run finished.
     */
    public RunResult finishTrained(
            Recipe recipe, Splits data, MultiLayerNetwork net, RunFolder folder, List<EpochStats> history) {
        if (!data.classNames().isEmpty()) {
            folder.writeText(SavedRun.CLASSES, String.join("\n", data.classNames()) + "\n");
        }
        TrainingContext c = new TrainingContext(
                recipe, data, folder, net, new Checkpoints.State(0, 0, 0, 0, history, null, null, Double.NaN, null));
        TestEvaluation test = new TestEvaluation();
        Latency latency = new Latency();
        Memory memory = new Memory();
        c.stop("epochs");
        saveModel(net, recipe, data, folder);
        for (TrainingListener l : List.of(test, latency, memory, new Checkpoints(Duration.ZERO))) {
            l.onTrainingEnd(c);
        }
        return result(c, test, latency, memory);
    }

    private static long expectedBatches(DataSetIterator train) {
        if (train instanceof io.github.dl4jzoo.data.EpochIterator e) {
            return (e.size() + e.batch() - 1) / e.batch();
        }
        return -1;
    }

    private static RunResult result(TrainingContext c, TestEvaluation test, Latency latency, Memory memory) {
        Recipe recipe = c.recipe();
        List<EpochStats> history = c.history();
        double trainSeconds = history.stream().mapToDouble(EpochStats::seconds).sum();
        long trainSamples = 0;
        for (EpochStats e : history) {
            trainSamples += Math.round(e.samplesPerSecond() * e.seconds());
        }
        return new RunResult(
                recipe.name(),
                recipe.family(),
                recipe.task().id(),
                c.data().dataset(),
                recipe.seed(),
                c.network().numParams(),
                history.size(),
                List.copyOf(history),
                test.metrics(),
                trainSeconds,
                trainSeconds == 0 ? 0 : trainSamples / trainSeconds,
                test.samplesPerSecond(),
                latency.medianMillis(),
                memory.peakHeap(),
                memory.peakResident(),
                c.stopReason().orElseThrow(),
                c.folder().dir(),
                test.predictions(),
                c.dataRead());
    }

    /**
     * The model with its updater state (to train on), its preprocessing and, when the folder holds one, its
     * resolved recipe: see {@link ModelZip}. A folder without {@code recipe.yaml} (a program driving the trainer
     * itself) gives a zip without the recipe, as zips were before they carried it.
     */
    static void saveModel(MultiLayerNetwork net, Recipe recipe, Splits data, RunFolder folder) {
        Path file = folder.file(RunFolder.RECIPE);
        Optional<String> yaml;
        try {
            yaml = Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<String> classes =
                recipe.task() == Recipe.Task.CLASSIFICATION ? Evaluation.classNames(recipe, data) : List.of();
        ModelZip.write(net, true, data.normaliser(), yaml, recipe, classes, folder.file(RunFolder.MODEL));
    }
}
