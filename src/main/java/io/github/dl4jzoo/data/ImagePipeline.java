package io.github.dl4jzoo.data;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * From an image dataset to the iterators a trainer needs, in the order a recipe states it: hold
 * out a seeded validation fraction of the training images, fit the optional standardisation on
 * what is left (never on validation or test images), then batch in the network's layout, the
 * training split reshuffled per epoch and augmented if asked.
 */
public record ImagePipeline(
        int batchSize,
        Layout layout,
        double validationFraction,
        boolean standardise,
        Augmentation augmentation,
        long seed) {
    public ImagePipeline {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: expected >= 1, got " + batchSize);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction: expected in [0, 1), got " + validationFraction);
        }
        if (layout == null || augmentation == null) {
            throw new IllegalArgumentException("layout, augmentation: expected values, got null");
        }
    }

    /**
     * What the trainer iterates. {@code validation} is empty when the fraction is 0. The
     * standardisation is returned so a run can record it beside its model.
     */
    public record Iterators(
            EpochIterator train,
            Optional<EpochIterator> validation,
            EpochIterator test,
            Standardisation standardisation,
            ImageData data) {}

    /**
     * The splits a run iterates, for images of the request's size (else one line naming the file): the
     * pipeline the request describes, over {@code data}, read from {@code sources}.
     */
    public static Splits splits(ImageData data, DataRequest request, List<DataFile> sources) {
        data.requireSize(request.channels(), request.rows(), request.cols());
        if (request.channels() != 1 && request.augmentation().enabled()) {
            throw new DataException(
                    data.id() + ": data.augment: expected one-channel images, got " + request.channels() + " channels");
        }
        Iterators it = new ImagePipeline(
                        request.batchSize(),
                        request.layout(),
                        request.validation(),
                        request.standardise(),
                        request.augmentation(),
                        request.seed())
                .build(data);
        return new Splits(
                data.id(),
                it.train(),
                it.validation().map(v -> v),
                it.test(),
                data.classNames(),
                Optional.of(it.standardisation()
                        .normaliser(request.layout(), request.channels(), request.rows(), request.cols())),
                List.of(),
                Optional.empty(),
                sources);
    }

    public Iterators build(ImageData data) {
        ImageSet.Split split = data.train().split(validationFraction, seed);
        ImageSet train = split.train();
        Standardisation std = standardise ? Standardisation.fit(train) : Standardisation.NONE;
        EpochIterator trainIterator = iterator(train, data, std, augmentation, true);
        Optional<EpochIterator> validation = split.validation().size() == 0
                ? Optional.empty()
                : Optional.of(iterator(split.validation(), data, std, Augmentation.NONE, false));
        EpochIterator test = iterator(data.test(), data, std, Augmentation.NONE, false);
        return new Iterators(trainIterator, validation, test, std, data);
    }

    private EpochIterator iterator(
            ImageSet set, ImageData data, Standardisation std, Augmentation aug, boolean shuffle) {
        return of(set, batchSize, layout, std, aug, shuffle, seed, data.classNames());
    }

    /**
     * One iterator over one set: in file order when {@code shuffle} is false (evaluation), else
     * in a seeded order per epoch. Augmentation applies before standardisation, in pixel units, so
     * the background that moves in is 0 like the real background.
     */
    public static EpochIterator of(
            ImageSet set,
            int batchSize,
            Layout layout,
            Standardisation std,
            Augmentation aug,
            boolean shuffle,
            long seed,
            List<String> classNames) {
        return new EpochIterator(
                set.size(),
                batchSize,
                shuffle,
                seed,
                set.pixelsPerImage(),
                set.numClasses(),
                classNames,
                (indices, random) -> batch(set, indices, layout, std, aug, random));
    }

    static DataSet batch(
            ImageSet set,
            int[] indices,
            Layout layout,
            Standardisation std,
            Augmentation aug,
            SplittableRandom random) {
        int n = indices.length;
        int d = set.pixelsPerImage();
        INDArray features = Nd4j.pullRows(set.pixels(), 1, indices, 'c');
        if (aug.enabled()) { // one-channel images only: the kinds refuse augmentation for colour
            float[] src = features.data().asFloat();
            float[] dst = new float[src.length];
            for (int i = 0; i < n; i++) {
                aug.apply(src, i * d, dst, i * d, set.rows(), set.cols(), random);
            }
            features = Nd4j.create(dst, new long[] {n, d}, 'c');
        }
        std.applyInPlace(features);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, set.numClasses());
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, set.labels()[indices[i]], 1f);
        }
        return new DataSet(layout.arrange(features, set.channels(), set.rows(), set.cols()), labels);
    }
}
