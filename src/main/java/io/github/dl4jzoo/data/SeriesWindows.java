package io.github.dl4jzoo.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sliding windows over a {@link TimeSeries}, split by time, scaled with statistics of the
 * training windows only.
 *
 * <p>Window k starts at row {@code k * stride}, covers {@code nSteps} rows, and its label is the
 * target at row {@code L = k * stride + nSteps - 1 + horizon}. A window belongs to the period
 * (train, validation, test) that holds its label row L. So training windows see only training
 * rows, while a test window's inputs may reach back into earlier periods: those are past values,
 * known when the forecast is made; no label is ever reused across periods. With stride 1 the test
 * period yields exactly {@code testRows} windows, one forecast per test row.
 *
 * <p>Features are {@code [windows, features, steps]} (DL4J's recurrent layout) and labels
 * {@code [windows, 1]}, which suits LSTM -> LastTimeStep -> OutputLayer; {@link Layout#FLAT}
 * gives {@code [windows, features * steps]} for MLPs, feature-major (all steps of feature 0, then
 * feature 1, ...).
 */
public final class SeriesWindows {
    private final SeriesSpec spec;
    private final Part train;
    private final Part validation;
    private final Part test;
    private final Optional<DataNormalization> normaliser;

    /** One period's windows, already standardised if that was asked for. */
    public record Part(INDArray features, INDArray labels, List<String> labelDates) {
        public int size() {
            return labelDates.size();
        }

        /** The windows as a DataSet in {@link Layout#SEQUENCE} or {@link Layout#FLAT}. */
        public DataSet dataSet(Layout layout) {
            return new DataSet(shaped(features, layout), labels);
        }
    }

    private SeriesWindows(
            SeriesSpec spec, Part train, Part validation, Part test, Optional<DataNormalization> normaliser) {
        this.spec = spec;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.normaliser = normaliser;
    }

    /** {@code standardise}: fit ND4J's {@code NormalizerStandardize} (features and label) on the training windows. */
    public static SeriesWindows build(TimeSeries series, SeriesSpec spec, ChronoSplit split, boolean standardise) {
        int n = series.rows();
        if (n < spec.rowsPerWindow()) {
            throw DataException.at(
                    series.source(),
                    "end of data (line " + (n + 1) + "): expected at least " + spec.rowsPerWindow()
                            + " data rows for one window (" + spec.nSteps() + " steps + horizon " + spec.horizon()
                            + "), got " + n);
        }
        int trainEnd = n - split.validationRows() - split.testRows();
        int validationEnd = n - split.testRows();
        if (trainEnd < spec.rowsPerWindow()) {
            throw DataException.at(
                    series.source(),
                    "line " + (Math.max(trainEnd, 0) + 2) + ": expected at least " + spec.rowsPerWindow()
                            + " training rows before the last " + split.validationRows() + " validation and "
                            + split.testRows() + " test rows, got " + Math.max(trainEnd, 0) + " of " + n);
        }
        List<Integer> trainStarts = new ArrayList<>();
        List<Integer> validationStarts = new ArrayList<>();
        List<Integer> testStarts = new ArrayList<>();
        for (int start = 0; labelRow(start, spec) < n; start += spec.stride()) {
            int label = labelRow(start, spec);
            (label < trainEnd ? trainStarts : label < validationEnd ? validationStarts : testStarts).add(start);
        }
        Part train = part(series, spec, trainStarts);
        Part validation = part(series, spec, validationStarts);
        Part test = part(series, spec, testStarts);
        Optional<DataNormalization> normaliser = standardise ? Optional.of(fit(train)) : Optional.empty();
        normaliser.ifPresent(norm -> {
            for (Part p : List.of(train, validation, test)) {
                if (p.size() > 0) {
                    norm.transform(new DataSet(p.features(), p.labels()));
                }
            }
        });
        return new SeriesWindows(spec, train, validation, test, normaliser);
    }

    public SeriesSpec spec() {
        return spec;
    }

    public Part train() {
        return train;
    }

    public Part validation() {
        return validation;
    }

    public Part test() {
        return test;
    }

    /** The normaliser fitted on the training windows (features and label), if scaling was asked for. */
    public Optional<DataNormalization> normaliser() {
        return normaliser;
    }

    /** A period's windows in time order (evaluation, or training without shuffling). */
    public DataSetIterator iterator(Part part, Layout layout, int batchSize) {
        return new ListDataSetIterator<>(
                part.size() == 0 ? List.of() : part.dataSet(layout).asList(), batchSize);
    }

    /**
     * The training windows, reshuffled per epoch from {@code seed} (only among themselves: no
     * window crosses into validation or test).
     */
    public EpochIterator trainIterator(Layout layout, int batchSize, long seed) {
        return new EpochIterator(
                train.size(),
                batchSize,
                true,
                seed,
                spec.featureColumns().size() * spec.nSteps(),
                1,
                List.of(spec.targetColumn()),
                (indices, random) -> {
                    // one native gather per array (ND4J's SpecifiedIndex get cost more than the training step)
                    INDArray w = train.features();
                    INDArray f = Nd4j.pullRows(w.reshape('c', w.size(0), w.size(1) * w.size(2)), 1, indices, 'c');
                    INDArray l = Nd4j.pullRows(train.labels(), 1, indices, 'c');
                    return new DataSet(shaped(f.reshape('c', indices.length, w.size(1), w.size(2)), layout), l);
                });
    }

    /** Model outputs (labels in scaled units, {@code [n, 1]}) back in the target's original units. */
    public INDArray denormalise(INDArray predictions) {
        return denormalise(normaliser, predictions);
    }

    /** As {@link #denormalise(INDArray)} with a normaliser loaded beside a saved model. */
    public static INDArray denormalise(Optional<DataNormalization> normaliser, INDArray predictions) {
        INDArray copy = predictions.dup();
        normaliser.ifPresent(n -> n.revertLabels(copy));
        return copy;
    }

    private static int labelRow(int start, SeriesSpec spec) {
        return start + spec.nSteps() - 1 + spec.horizon();
    }

    private static Part part(TimeSeries series, SeriesSpec spec, List<Integer> starts) {
        int nf = spec.featureColumns().size();
        int steps = spec.nSteps();
        float[] features = new float[starts.size() * nf * steps];
        float[] labels = new float[starts.size()];
        List<String> labelDates = new ArrayList<>(starts.size());
        for (int k = 0; k < starts.size(); k++) {
            int start = starts.get(k);
            for (int f = 0; f < nf; f++) {
                for (int t = 0; t < steps; t++) {
                    features[(k * nf + f) * steps + t] = (float) series.features()[start + t][f];
                }
            }
            int label = labelRow(start, spec);
            labels[k] = (float) series.target()[label];
            labelDates.add(series.dates().get(label));
        }
        INDArray f = starts.isEmpty()
                ? Nd4j.create(DataType.FLOAT, 0, nf, steps)
                : Nd4j.create(features, new long[] {starts.size(), nf, steps}, 'c');
        INDArray l = starts.isEmpty()
                ? Nd4j.create(DataType.FLOAT, 0, 1)
                : Nd4j.create(labels, new long[] {starts.size(), 1}, 'c');
        return new Part(f, l, List.copyOf(labelDates));
    }

    private static DataNormalization fit(Part train) {
        DataNormalization norm = new NormalizerStandardize();
        norm.fitLabel(true);
        norm.fit(new DataSet(train.features(), train.labels()));
        return norm;
    }

    private static INDArray shaped(INDArray windows, Layout layout) {
        return switch (layout) {
            case SEQUENCE -> windows;
            case FLAT -> windows.reshape('c', windows.size(0), windows.size(1) * windows.size(2));
            case IMAGE -> throw new IllegalArgumentException(
                    "layout: expected SEQUENCE or FLAT for windows, got IMAGE");
        };
    }
}
