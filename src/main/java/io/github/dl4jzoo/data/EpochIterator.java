package io.github.dl4jzoo.data;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Batches over an in-memory set, in file order or in a seeded order per epoch. Epoch e's order is
 * a permutation derived from (seed, e) alone, and so is its augmentation stream, so a run resumed
 * at epoch e with {@link #setEpoch} sees exactly the batches it would have seen.
 *
 * <p>{@link #reset()} after any batch was taken moves on to the next epoch; a reset before any
 * batch only rewinds. This fits DL4J's {@code fit(iterator, nEpochs)}, which resets an exhausted
 * iterator before each epoch, and makes a redundant reset harmless.
 */
public final class EpochIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    /** Builds the batch of the examples at {@code indices}; {@code random} is the epoch's augmentation stream. */
    @FunctionalInterface
    interface BatchMaker {
        DataSet make(int[] indices, SplittableRandom random);
    }

    private final int size;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int inputColumns;
    private final int totalOutcomes;
    private final List<String> labelNames;
    private final transient BatchMaker maker;

    private int epoch;
    private int cursor;
    private int[] order;
    private transient SplittableRandom augmentRandom;
    private DataSetPreProcessor preProcessor;

    EpochIterator(
            int size,
            int batchSize,
            boolean shuffle,
            long seed,
            int inputColumns,
            int totalOutcomes,
            List<String> labelNames,
            BatchMaker maker) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: expected >= 1, got " + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.inputColumns = inputColumns;
        this.totalOutcomes = totalOutcomes;
        this.labelNames = List.copyOf(labelNames);
        this.maker = maker;
        setEpoch(0);
    }

    /** Rewinds to the start of epoch {@code e} (0-based), e.g. when resuming a run. */
    public void setEpoch(int e) {
        if (e < 0) {
            throw new IllegalArgumentException("epoch: expected >= 0, got " + e);
        }
        epoch = e;
        cursor = 0;
        order = shuffle ? Seeds.permutation(size, Seeds.derive(seed, Seeds.SHUFFLE, e)) : identity(size);
        augmentRandom = new SplittableRandom(Seeds.derive(seed, Seeds.AUGMENT, e));
    }

    public int epoch() {
        return epoch;
    }

    /** Number of examples in one epoch. */
    public int size() {
        return size;
    }

    /** The order of epoch {@link #epoch()} as indices into the set (a copy). */
    public int[] order() {
        return order.clone();
    }

    @Override
    public boolean hasNext() {
        return cursor < size;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches: call reset()");
        }
        int end = Math.min(size, cursor + num);
        int[] indices = Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        DataSet batch = maker.make(indices, augmentRandom);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public void reset() {
        setEpoch(cursor > 0 ? epoch + 1 : epoch);
    }

    @Override
    public int inputColumns() {
        return inputColumns;
    }

    @Override
    public int totalOutcomes() {
        return totalOutcomes;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /**
     * Batches are cheap to make, and without DL4J's prefetch thread running ahead, the epoch that
     * a reset moves to is always the one the caller actually consumed.
     */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return labelNames;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
