package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Splits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What a {@link TrainingListener} sees of a run: the recipe, data, run folder and network, where the loop is
 * (epoch, batch) and what it measured. Counts within an epoch include the batches a resumed run trained before
 * it was interrupted. A listener ends the run with {@link #stop} or {@link #rollBack}.
 */
public final class TrainingContext {
    private final Recipe recipe;
    private final Splits data;
    private final RunFolder folder;
    private final List<EpochStats> history;
    private MultiLayerNetwork network;
    private int epoch;
    private long expectedBatches = -1;
    private long batch;
    private double loss = Double.NaN;
    private double lossSum;
    private long samples;
    private double seconds;
    private String stopReason;
    private boolean rolledBack;
    private String lastCheckpoint;
    private double firstLoss;
    private List<RunResult.Source> dataRead;

    TrainingContext(Recipe recipe, Splits data, RunFolder folder, MultiLayerNetwork network, Checkpoints.State state) {
        this.recipe = recipe;
        this.data = data;
        this.folder = folder;
        this.network = network;
        this.history = new ArrayList<>(state.history());
        this.epoch = history.size();
        this.batch = state.batchesInEpoch();
        this.lossSum = state.lossSumInEpoch();
        this.samples = state.samplesInEpoch();
        this.seconds = state.secondsInEpoch();
        this.lastCheckpoint = state.checkpoint();
        this.firstLoss = state.firstLoss();
    }

    public Recipe recipe() {
        return recipe;
    }

    public Splits data() {
        return data;
    }

    /** The files the data was read from, with their SHA-256 ({@link TrainData#read}), hashed once per run. */
    public List<RunResult.Source> dataRead() {
        if (dataRead == null) {
            dataRead = TrainData.read(data);
        }
        return dataRead;
    }

    public RunFolder folder() {
        return folder;
    }

    /** The network being trained (after a {@link #rollBack}, the one restored from the last checkpoint). */
    public MultiLayerNetwork network() {
        return network;
    }

    /** Epochs the run trains in all (the recipe's), counting those a resumed run had already done. */
    public int epochs() {
        return recipe.epochs();
    }

    /** The epoch in progress, from 0 (in {@link TrainingListener#onEpochEnd}, the one just finished). */
    public int epoch() {
        return epoch;
    }

    /** Batches in one epoch, or -1 when the iterator cannot tell. */
    public long expectedBatches() {
        return expectedBatches;
    }

    /** Batches trained so far in this epoch: the iteration number of the last one, from 1. */
    public long batch() {
        return batch;
    }

    /** The last batch's loss (the network's score after its update). */
    public double loss() {
        return loss;
    }

    /**
     * The untrained network's loss: the first batch's, which DL4J scores before that batch's update (not known,
     * NaN or 0, for a run checkpointed by a version that did not record it).
     */
    public double firstLoss() {
        return firstLoss;
    }

    /** The mean loss per example so far in this epoch. */
    public double epochLoss() {
        return lossSum / samples;
    }

    /** Examples trained so far in this epoch. */
    public long samples() {
        return samples;
    }

    /**
     * Seconds spent so far in this epoch drawing batches (shuffled gathers, augmentation, standardisation) and in the
     * network's updates; loading files, validation, evaluation and checkpoints excluded. PyTorch's training loop
     * draws its batches inside its timed loop too.
     */
    public double seconds() {
        return seconds;
    }

    /** Whether this epoch has batches left after the current one. */
    public boolean moreBatches() {
        return data.train().hasNext();
    }

    /** The epochs finished so far, in order. */
    public List<EpochStats> history() {
        return Collections.unmodifiableList(history);
    }

    /** The last epoch finished (in {@link TrainingListener#onEpochEnd}, the one just finished). */
    public EpochStats lastEpoch() {
        if (history.isEmpty()) {
            throw new IllegalStateException("no epoch has finished yet");
        }
        return history.get(history.size() - 1);
    }

    /** Why the run is stopping, once a listener or the epoch count has said so. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /** The file name of the last checkpoint in the run folder (null before the first). */
    public String lastCheckpoint() {
        return lastCheckpoint;
    }

    /**
     * Ends the run after this batch: the epoch is closed as usual (validated, recorded, checkpointed). The first
     * reason given is the one reported.
     */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /**
     * Ends the run now and returns the network to the last checkpoint: the batch and the epoch in progress are
     * not part of the run, and no listener after this one hears of the batch.
     */
    public void rollBack(String reason) {
        stop(reason);
        rolledBack = true;
    }

    /** Whether the run ended with {@link #rollBack}. */
    public boolean rolledBack() {
        return rolledBack;
    }

    double lossSum() {
        return lossSum;
    }

    void startEpoch(int epoch, long expectedBatches) {
        this.epoch = epoch;
        this.expectedBatches = expectedBatches;
    }

    void batchDone(double loss, int examples, double seconds) {
        if (history.isEmpty() && batch == 0) {
            firstLoss = loss;
        }
        this.loss = loss;
        this.lossSum += loss * examples;
        this.samples += examples;
        this.seconds += seconds;
        this.batch++;
    }

    /** Records the epoch just trained (validation NaN until a validation listener fills it in). */
    void endEpoch() {
        history.add(new EpochStats(epoch + 1, lossSum / samples, Double.NaN, Double.NaN, samples / seconds, seconds));
    }

    void clearEpochCounts() {
        batch = 0;
        lossSum = 0;
        samples = 0;
        seconds = 0;
    }

    /** The last epoch's validation loss and metric. */
    void validated(double validationLoss, double validationMetric) {
        EpochStats e = history.get(history.size() - 1);
        history.set(
                history.size() - 1,
                new EpochStats(
                        e.epoch(), e.trainLoss(), validationLoss, validationMetric, e.samplesPerSecond(), e.seconds()));
    }

    void checkpointed(String fileName) {
        lastCheckpoint = fileName;
    }

    void restored(MultiLayerNetwork network) {
        this.network = network;
    }

    /** Training seconds of the whole run so far, earlier epochs and processes included. */
    double totalSeconds() {
        return history.stream().mapToDouble(EpochStats::seconds).sum() + seconds;
    }
}
