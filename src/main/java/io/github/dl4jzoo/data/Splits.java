package io.github.dl4jzoo.data;

import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * A dataset ready to iterate: the training split (reshuffled per epoch from the seed), the validation split
 * if one is held out, and the test split in file or time order.
 *
 * @param classNames one name per class, for classifiers
 * @param normaliser raw input to what the network reads, saved inside the model zip: for images the pixel
 *     scaling and any standardisation (the iterators apply the same themselves), for series the scaler fitted on
 *     the training windows (the windows are already scaled)
 * @param testDates for series, the date of each test label, in order
 * @param series for series, the whole series in original units (for the naive baselines)
 * @param sources every file the splits were read from, in the order read
 */
public record Splits(
        String dataset,
        DataSetIterator train,
        Optional<DataSetIterator> validation,
        DataSetIterator test,
        List<String> classNames,
        Optional<DataNormalization> normaliser,
        List<String> testDates,
        Optional<TimeSeries> series,
        List<DataFile> sources) {
    public Splits {
        classNames = List.copyOf(classNames);
        testDates = List.copyOf(testDates);
        sources = List.copyOf(sources);
    }

    /**
     * Rewinds the training split to the start of epoch {@code e} (0-based). The zoo's iterators derive each
     * epoch's order from the seed and the epoch alone, so a resumed run sees the batches it would have seen.
     */
    public void startEpoch(int e) {
        if (train instanceof EpochIterator epochs) {
            epochs.setEpoch(e);
        } else {
            train.reset();
        }
    }

    /** Predictions (or labels) back in the target's original units; unchanged when nothing was scaled. */
    public INDArray originalUnits(INDArray scaled) {
        return SeriesWindows.denormalise(normaliser, scaled);
    }
}
