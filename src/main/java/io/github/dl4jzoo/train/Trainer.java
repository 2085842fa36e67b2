package io.github.dl4jzoo.train;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Trains one recipe into a run folder: epochs over the training split, validation after each, a checkpoint
 * after each (and every {@code checkpointEvery} within long epochs), then the test metrics and speed. A run
 * killed at any point resumes from its last checkpoint with the same data order and updater state, and ends
 * with the same metrics as a run that was never interrupted.
 */
public final class Trainer {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // NaN: no validation split
            .build();
    private static final int LATENCY_WARMUP = 10;
    private static final int LATENCY_RUNS = 50;
    /** See {@link #blownUp}. */
    static final int BLOWN_UP_FACTOR = 5;

    /**
     * @param epochs epochs to train in all (a resumed run counts those already done)
     * @param timeBudget stop after the batch that crosses it
     * @param patience early stopping: epochs without a better validation metric before stopping (0: off)
     * @param verbose 0 silent, 1 progress bar (plain lines when not on a terminal), 2 one line per epoch
     */
    public record Options(
            int epochs, Optional<Duration> timeBudget, int patience, int verbose, Duration checkpointEvery) {
        public Options {
            if (epochs < 1) {
                throw new TrainException("--epochs: expected at least 1, got " + epochs);
            }
            if (patience < 0) {
                throw new TrainException("--early-stopping: expected a patience of at least 1 epoch, got " + patience);
            }
        }
    }

    /** What a checkpoint knows, saved as {@code state.json} beside it; the partial-epoch sums are 0 at epoch ends. */
    record State(
            long batchesInEpoch,
            double lossSumInEpoch,
            long samplesInEpoch,
            double secondsInEpoch,
            List<EpochStats> history,
            double best,
            int sinceBest,
            String checkpoint,
            String stopReason,
            double firstLoss) {
        static State fresh() {
            return new State(0, 0, 0, 0, List.of(), Double.NaN, 0, null, null, Double.NaN);
        }

        State withCheckpoint(String name) {
            return new State(
                    batchesInEpoch,
                    lossSumInEpoch,
                    samplesInEpoch,
                    secondsInEpoch,
                    history,
                    best,
                    sinceBest,
                    name,
                    stopReason,
                    firstLoss);
        }

        /** The loss of the untrained network (on the first batch), when this state knows it. */
        boolean knowsFirstLoss() {
            return Double.isFinite(firstLoss) && firstLoss > 0;
        }
    }

    private final PrintWriter out;

    public Trainer(PrintWriter out) {
        this.out = out;
    }

    /** Trains from scratch, or resumes when the folder holds a checkpoint of an unfinished run. */
    public RunResult run(Recipe recipe, TrainData data, RunFolder folder, Options opt) {
        State s = readState(folder);
        checkCanGoOn(folder, opt.epochs());
        if (s.stopReason() != null) {
            // More epochs than it ended after: it goes on from its last epoch's checkpoint.
            s = new State(0, 0, 0, 0, s.history(), s.best(), s.sinceBest(), s.checkpoint(), null, s.firstLoss());
        }
        if (opt.patience() > 0 && data.validation().isEmpty()) {
            throw new TrainException("--early-stopping: recipe " + recipe.name()
                    + " holds out no validation data; set data.validation, e.g. --set data.validation=0.1");
        }
        boolean higherIsBetter = recipe.task() == Recipe.Task.CLASSIFICATION;
        if (!data.classNames().isEmpty()) {
            folder.writeText(SavedRun.CLASSES, String.join("\n", data.classNames()) + "\n");
        }
        MultiLayerNetwork net;
        if (s.checkpoint() == null) {
            net = Networks.build(recipe);
            s = checkpoint(folder, net, s, 0, 0);
        } else {
            net = restore(folder.file(s.checkpoint()));
        }
        Memory memory = new Memory();
        Progress progress = new Progress(out, opt.verbose(), opt.epochs(), recipe.name());
        double secondsBefore =
                s.history().stream().mapToDouble(EpochStats::seconds).sum() + s.secondsInEpoch();
        long budgetNanos = opt.timeBudget().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        long started = System.nanoTime() - (long) (secondsBefore * 1e9);
        List<EpochStats> history = new ArrayList<>(s.history());
        String stop = null;
        double best = s.best();
        int sinceBest = s.sinceBest();
        double firstLoss = s.firstLoss();
        DataSetIterator train = data.train();
        while (stop == null && history.size() < opt.epochs()) {
            int epoch = history.size();
            data.startEpoch(epoch);
            for (long skip = 0; skip < s.batchesInEpoch(); skip++) {
                train.next(); // resuming mid-epoch: the same batches, drawn and dropped
            }
            long batches = s.batchesInEpoch(), samples = s.samplesInEpoch();
            double lossSum = s.lossSumInEpoch(), seconds = s.secondsInEpoch();
            long lastCheckpoint = System.nanoTime();
            progress.startEpoch(epoch, expectedBatches(train));
            while (train.hasNext()) {
                DataSet batch = train.next();
                long t0 = System.nanoTime();
                net.fit(batch);
                double loss = net.score();
                seconds += (System.nanoTime() - t0) / 1e9;
                if (!Double.isFinite(loss)) {
                    stop = String.format(
                            Locale.ROOT,
                            "diverged at epoch %d, iteration %d: the loss is %s; kept %s",
                            epoch + 1,
                            batches + 1,
                            loss,
                            s.checkpoint());
                    break;
                }
                if (history.isEmpty() && batches == 0) {
                    firstLoss = loss; // scored before the update: the untrained network's loss
                }
                int n = batch.numExamples();
                lossSum += loss * n;
                samples += n;
                batches++;
                memory.sample(batches);
                progress.batch(batches, lossSum / samples, samples, seconds);
                if (System.nanoTime() - lastCheckpoint > opt.checkpointEvery().toNanos()
                        && train.hasNext()
                        && !blownUp(lossSum / samples, firstLoss)) {
                    State partial = new State(
                            batches, lossSum, samples, seconds, history, best, sinceBest, null, null, firstLoss);
                    s = checkpoint(folder, net, partial.withCheckpoint(s.checkpoint()), epoch, batches);
                    lastCheckpoint = System.nanoTime();
                }
                if (System.nanoTime() - started > budgetNanos) {
                    stop = "time budget";
                    break;
                }
            }
            if (stop != null && stop.startsWith("diverged")) {
                progress.message(recipe.name() + ": " + stop);
                net = restore(folder.file(s.checkpoint()));
                break;
            }
            if (blownUp(lossSum / samples, firstLoss)) {
                stop = String.format(
                        Locale.ROOT,
                        "diverged at epoch %d: the mean training loss %.4g is over %d times the untrained"
                                + " network's %.4g; kept %s",
                        epoch + 1,
                        lossSum / samples,
                        BLOWN_UP_FACTOR,
                        firstLoss,
                        s.checkpoint());
                progress.message(recipe.name() + ": " + stop);
                net = restore(folder.file(s.checkpoint()));
                break;
            }
            double[] validation = {Double.NaN, Double.NaN};
            if (data.validation().isPresent()) {
                validation = validate(net, data.validation().get(), data, recipe);
            }
            EpochStats stats = new EpochStats(
                    epoch + 1, lossSum / samples, validation[0], validation[1], samples / seconds, seconds);
            history.add(stats);
            progress.endEpoch(stats);
            if (opt.patience() > 0) {
                boolean better = Double.isNaN(best) || (higherIsBetter ? validation[1] > best : validation[1] < best);
                best = better ? validation[1] : best;
                sinceBest = better ? 0 : sinceBest + 1;
                if (sinceBest >= opt.patience()) {
                    stop = "early stopping";
                }
            }
            State end = new State(0, 0, 0, 0, history, best, sinceBest, s.checkpoint(), null, firstLoss);
            s = checkpoint(folder, net, end, epoch + 1, 0);
        }
        stop = stop == null ? "epochs" : stop;
        saveModel(net, data, folder.file(RunFolder.MODEL));
        RunResult result = finish(recipe, data, net, folder, history, stop, memory);
        writeState(folder, new State(0, 0, 0, 0, history, best, sinceBest, s.checkpoint(), stop, firstLoss));
        return result;
    }

    /**
     * Refuses to go on with a finished run, unless it ended after its epochs and {@code epochs} asks for more.
     */
    public static void checkCanGoOn(RunFolder folder, int epochs) {
        State s = readState(folder);
        if (s.stopReason() != null
                && (!s.stopReason().equals("epochs") || epochs <= s.history().size())) {
            throw new TrainException(folder.dir() + ": the run is finished (" + s.stopReason() + " after "
                    + s.history().size() + " epochs); evaluate it with zoo evaluate, or train a new one");
        }
    }

    /** Whether the run in {@code folder} has ended (its model is saved). */
    public static boolean isFinished(RunFolder folder) {
        return readState(folder).stopReason() != null;
    }

    /**
     * The result of a finished run, measured again from its saved model: how a run killed while its reports were
     * written gets them. The test metrics are the same; speeds and memory are measured anew.
     */
    public RunResult finished(Recipe recipe, TrainData data, RunFolder folder) {
        State s = readState(folder);
        if (s.stopReason() == null) {
            throw new TrainException(folder.dir() + ": the run is not finished; zoo train --resume goes on with it");
        }
        MultiLayerNetwork net = restore(folder.file(RunFolder.MODEL));
        return finish(recipe, data, net, folder, s.history(), s.stopReason(), new Memory());
    }

    /**
     * A run has blown up when an epoch's mean training loss is more than {@value #BLOWN_UP_FACTOR} times the
     * untrained network's: training made it far worse than not training at all. A run that is learning stays near
     * or below where it started; one with a step size far too large (Adam at lr 1e6 on Fashion-MNIST: 20.2 against
     * 2.3) or an unscaled target (a forecaster's loss growing to 1e19) does not come back.
     */
    static boolean blownUp(double meanLoss, double firstLoss) {
        return Double.isFinite(firstLoss) && firstLoss > 0 && meanLoss > BLOWN_UP_FACTOR * firstLoss;
    }

    private static long expectedBatches(DataSetIterator train) {
        if (train instanceof io.github.dl4jzoo.data.EpochIterator e) {
            return (e.size() + e.batch() - 1) / e.batch();
        }
        return -1;
    }

    /** Validation loss (mean over examples) and metric: accuracy, or RMSE in original units. */
    private static double[] validate(MultiLayerNetwork net, DataSetIterator v, TrainData data, Recipe recipe) {
        double lossSum = 0;
        long n = 0;
        v.reset();
        while (v.hasNext()) {
            DataSet b = v.next();
            lossSum += net.score(b, false) * b.numExamples();
            n += b.numExamples();
        }
        double metric = recipe.task() == Recipe.Task.CLASSIFICATION
                ? Evaluation.classification(Evaluation.confusion(net, v, classes(recipe)), names(recipe, data))
                        .accuracy()
                : regression(net, v, data).rmse();
        return new double[] {lossSum / n, metric};
    }

    private static int classes(Recipe recipe) {
        return Math.max(2, recipe.output().units());
    }

    private static List<String> names(Recipe recipe, TrainData data) {
        if (data.classNames().size() == classes(recipe)) {
            return data.classNames();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes(recipe); i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    private static Metrics.Regression regression(MultiLayerNetwork net, DataSetIterator it, TrainData data) {
        double[][] tp = Evaluation.predictions(net, it, data);
        return Evaluation.regression(tp[0], tp[1]);
    }

    /** Test metrics and speed of the final network. */
    private RunResult finish(
            Recipe recipe,
            TrainData data,
            MultiLayerNetwork net,
            RunFolder folder,
            List<EpochStats> history,
            String stop,
            Memory memory) {
        Metrics metrics;
        RunResult.Forecast forecast = RunResult.Forecast.NONE;
        long t0 = System.nanoTime();
        if (recipe.task() == Recipe.Task.CLASSIFICATION) {
            metrics = Evaluation.classification(
                    Evaluation.confusion(net, data.test(), classes(recipe)), names(recipe, data));
        } else {
            double[][] tp = Evaluation.predictions(net, data.test(), data);
            metrics = Evaluation.regression(tp[0], tp[1]);
            if (!data.testDates().isEmpty()) {
                forecast = new RunResult.Forecast(data.testDates(), tp[0], tp[1]);
            }
        }
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        long testExamples = count(data.test());
        double[] latency = latencyMillis(net, data.test());
        memory.sample(0);
        double trainSeconds = history.stream().mapToDouble(EpochStats::seconds).sum();
        long trainSamples = 0;
        for (EpochStats e : history) {
            trainSamples += Math.round(e.samplesPerSecond() * e.seconds());
        }
        return new RunResult(
                recipe.name(),
                recipe.family(),
                recipe.task().id(),
                data.dataset(),
                recipe.seed(),
                net.numParams(),
                history.size(),
                List.copyOf(history),
                metrics,
                trainSeconds,
                trainSeconds == 0 ? 0 : trainSamples / trainSeconds,
                testExamples / evalSeconds,
                latency[0],
                memory.peakHeap,
                memory.peakResident,
                stop,
                folder.dir(),
                forecast,
                data.sources());
    }

    private static long count(DataSetIterator it) {
        long n = 0;
        it.reset();
        while (it.hasNext()) {
            n += it.next().numExamples();
        }
        it.reset();
        return n;
    }

    /** Median and 99th percentile of single-example inference, after a warm-up. */
    public static double[] latencyMillis(MultiLayerNetwork net, DataSetIterator test) {
        test.reset();
        INDArray features = test.next().getFeatures();
        test.reset();
        INDArray one = features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1))
                .dup();
        for (int i = 0; i < LATENCY_WARMUP; i++) {
            net.output(one, false);
        }
        double[] ms = new double[LATENCY_RUNS];
        for (int i = 0; i < LATENCY_RUNS; i++) {
            long t0 = System.nanoTime();
            net.output(one, false);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[LATENCY_RUNS / 2], ms[(int) Math.ceil(LATENCY_RUNS * 0.99) - 1]};
    }

    private static MultiLayerNetwork restore(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new TrainException(zip + ": the checkpoint that " + RunFolder.STATE
                    + " names is missing; the run cannot go on from it (train a new run)");
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new TrainException(zip + ": not a readable checkpoint (" + firstLine(e)
                    + "); the run cannot go on from it (train a new run)");
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }

    /** The model with its updater state, and the normaliser when the data was scaled. */
    static void saveModel(MultiLayerNetwork net, TrainData data, Path zip) {
        RunFolder.write(zip, tmp -> {
            ModelSerializer.writeModel(net, tmp.toFile(), true);
            if (data.normaliser().isPresent()) {
                ModelSerializer.addNormalizerToModel(
                        tmp.toFile(), data.normaliser().get());
            }
        });
    }

    /**
     * Writes the checkpoint, then the state that names it, then drops the previous checkpoint (named in
     * {@code s}): whenever the process dies, state.json names a complete checkpoint that matches it.
     */
    private static State checkpoint(RunFolder folder, MultiLayerNetwork net, State s, int epoch, long batches) {
        Path zip = folder.checkpoint(epoch, batches);
        RunFolder.write(zip, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), true));
        String previous = s.checkpoint();
        State next = s.withCheckpoint(zip.getFileName().toString());
        writeState(folder, next);
        if (previous != null && !previous.equals(next.checkpoint())) {
            try {
                Files.deleteIfExists(folder.file(previous));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next;
    }

    private static void writeState(RunFolder folder, State s) {
        RunFolder.write(folder.file(RunFolder.STATE), tmp -> JSON.writerWithDefaultPrettyPrinter()
                .writeValue(tmp.toFile(), s));
    }

    private static State readState(RunFolder folder) {
        Path f = folder.file(RunFolder.STATE);
        if (!Files.exists(f)) {
            return State.fresh();
        }
        try {
            return JSON.readValue(f.toFile(), State.class);
        } catch (IOException e) {
            throw new TrainException(f + ": not a state file written by zoo train ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * Peak heap in use and peak resident set of the process (heap, native code and ND4J's off-heap buffers, as
     * JavaCPP reads it from the OS), sampled every 20 batches. In a comparison the process also holds what
     * earlier runs left, so the resident figure is an upper bound for later recipes.
     */
    static final class Memory {
        long peakHeap, peakResident;

        Memory() {
            sample(0);
        }

        void sample(long batch) {
            if (batch % 20 != 0) {
                return; // reading the OS's figures costs more than a small batch's update
            }
            peakHeap = Math.max(
                    peakHeap,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            peakResident = Math.max(peakResident, Pointer.physicalBytes());
        }
    }
}
