package io.github.dl4jzoo.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Makes a run resumable: a checkpoint (the network with its updater state) at the start, after each epoch and,
 * within long epochs, every {@code every}; each with {@code state.json} saying where the loop was. A run killed
 * at any point resumes from its last checkpoint with the same data order and updater state.
 */
final class Checkpoints implements TrainingListener {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // NaN: no validation split
            .build();

    /**
     * What a checkpoint knows, saved as {@code state.json} beside it; the partial-epoch sums are 0 at epoch ends.
     * Unknown fields are ignored: files of earlier versions also held early stopping's memory, now rebuilt from
     * the history.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(
            long batchesInEpoch,
            double lossSumInEpoch,
            long samplesInEpoch,
            double secondsInEpoch,
            List<EpochStats> history,
            String checkpoint,
            String stopReason,
            double firstLoss,
            List<RunResult.Source> data) {
        static State fresh() {
            return new State(0, 0, 0, 0, List.of(), null, null, Double.NaN, null);
        }
    }

    private final Duration every;
    private long lastWritten;

    Checkpoints(Duration every) {
        this.every = every;
    }

    @Override
    public void onTrainingStart(TrainingContext c) {
        if (c.lastCheckpoint() == null) {
            write(c, false);
        }
    }

    @Override
    public void onEpochStart(TrainingContext c) {
        lastWritten = System.nanoTime();
    }

    @Override
    public void onBatchEnd(TrainingContext c) {
        // Never a checkpoint of a network that is blowing up: the one before stays the last good one.
        if (System.nanoTime() - lastWritten > every.toNanos() && c.moreBatches() && !DivergenceGuard.blownUp(c)) {
            write(c, true);
            lastWritten = System.nanoTime();
        }
    }

    @Override
    public void onEpochEnd(TrainingContext c) {
        write(c, false);
    }

    @Override
    public void onTrainingEnd(TrainingContext c) {
        writeState(
                c.folder(),
                new State(
                        0,
                        0,
                        0,
                        0,
                        List.copyOf(c.history()),
                        c.lastCheckpoint(),
                        c.stopReason().orElseThrow(),
                        c.firstLoss(),
                        c.dataRead()));
    }

    /**
     * Writes the checkpoint, then the state that names it, then drops the previous checkpoint: whenever the
     * process dies, state.json names a complete checkpoint that matches it. A {@code partial} one is taken
     * within an epoch and keeps its sums; otherwise it is taken between epochs.
     */
    private static void write(TrainingContext c, boolean partial) {
        Path zip = partial
                ? c.folder().checkpoint(c.epoch(), c.batch())
                : c.folder().checkpoint(c.history().size(), 0);
        RunFolder.write(zip, tmp -> ModelSerializer.writeModel(c.network(), tmp.toFile(), true));
        String previous = c.lastCheckpoint();
        String name = zip.getFileName().toString();
        List<EpochStats> history = List.copyOf(c.history());
        writeState(
                c.folder(),
                partial
                        ? new State(
                                c.batch(),
                                c.lossSum(),
                                c.samples(),
                                c.seconds(),
                                history,
                                name,
                                null,
                                c.firstLoss(),
                                c.dataRead())
                        : new State(0, 0, 0, 0, history, name, null, c.firstLoss(), c.dataRead()));
        c.checkpointed(name);
        if (previous != null && !previous.equals(name)) {
            try {
                Files.deleteIfExists(c.folder().file(previous));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void writeState(RunFolder folder, State s) {
        RunFolder.write(folder.file(RunFolder.STATE), tmp -> JSON.writerWithDefaultPrettyPrinter()
                .writeValue(tmp.toFile(), s));
    }

    /** The state of the run in {@code folder}: fresh when it has none yet. */
    static State read(RunFolder folder) {
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

    static MultiLayerNetwork restore(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new TrainException(zip + ": the checkpoint that " + RunFolder.STATE
                    + " names is missing; the run cannot go on from it (train a new run)");
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new TrainException(zip + ": not a readable checkpoint ("
                    + m.lines().findFirst().orElse("") + "); the run cannot go on from it (train a new run)");
        }
        FastUpdaters.install(net);
        FastLstm.install(net);
        return net;
    }
}
