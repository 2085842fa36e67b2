package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Augmentation;
import io.github.dl4jzoo.data.Catalog;
import io.github.dl4jzoo.data.ChronoSplit;
import io.github.dl4jzoo.data.DataException;
import io.github.dl4jzoo.data.DataFile;
import io.github.dl4jzoo.data.Datasets;
import io.github.dl4jzoo.data.EpochIterator;
import io.github.dl4jzoo.data.ImageData;
import io.github.dl4jzoo.data.ImagePipeline;
import io.github.dl4jzoo.data.Layout;
import io.github.dl4jzoo.data.Locator;
import io.github.dl4jzoo.data.Scaling;
import io.github.dl4jzoo.data.SeriesSpec;
import io.github.dl4jzoo.data.SeriesWindows;
import io.github.dl4jzoo.data.TimeSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * A recipe's data, ready to iterate: the training split (reshuffled per epoch from the recipe's seed), the
 * validation split if the recipe holds one out, and the test split in file or time order.
 *
 * @param normaliser for forecasters, the scaler fitted on the training windows (saved with the model)
 * @param testDates for forecasters, the date of each test label, in order
 * @param series for forecasters, the whole series in original units (for the naive baselines)
 * @param sources the files read, each with the SHA-256 of its bytes (none for built-in data)
 */
public record TrainData(
        String dataset,
        DataSetIterator train,
        Optional<DataSetIterator> validation,
        DataSetIterator test,
        List<String> classNames,
        Optional<DataNormalization> normaliser,
        List<String> testDates,
        Optional<TimeSeries> series,
        List<RunResult.Source> sources) {

    /** Loads the recipe's dataset; {@code dataDir} (the --data flag) names its folder or file when given. */
    public static TrainData load(Recipe recipe, Optional<Path> dataDir) {
        String id = recipe.dataset();
        String given = dataDir.map(Path::toString).orElse("");
        if (given.startsWith(Catalog.IDX_PREFIX) || given.startsWith(Catalog.CSV_PREFIX)) {
            throw new DataException(Locator.DIR_FLAG + " " + given + ": expected a folder or file; a dataset id goes to"
                    + " --set dataset=" + given);
        }
        if (dataDir.isPresent() && !Files.exists(dataDir.get())) {
            throw new DataException(dataDir.get() + ": no such file or folder (" + Locator.DIR_FLAG + ")");
        }
        TrainData data;
        if (id.equals("xor") || id.equals("xor-bias")) {
            if (dataDir.isPresent()) {
                throw new DataException(Locator.DIR_FLAG + ": dataset " + id + " is built in and reads no files");
            }
            data = teaching(recipe, Datasets.builtIn(id));
        } else if (recipe.data().window() != null) {
            data = series(recipe, dataDir);
        } else {
            ImageData.Files files = Datasets.imageFiles(id, Locator.defaults(dataDir));
            List<String> classNames = id.startsWith(Catalog.IDX_PREFIX)
                    ? List.of()
                    : Catalog.require(id).classNames();
            data = images(recipe, ImageData.read(id, files, classNames))
                    .withSources(
                            List.of(files.trainImages(), files.trainLabels(), files.testImages(), files.testLabels()));
        }
        return data.checkFits(recipe);
    }

    private TrainData withSources(List<DataFile> files) {
        List<RunResult.Source> read = Datasets.sources(files).stream()
                .map(f -> new RunResult.Source(f.file(), f.sha256()))
                .toList();
        return new TrainData(dataset, train, validation, test, classNames, normaliser, testDates, series, read);
    }

    /** Refuses a recipe whose network cannot read this data: the wrong number of inputs or too few outputs. */
    private TrainData checkFits(Recipe recipe) {
        int features = train.inputColumns();
        if (features > 0 && features != recipe.input().size()) {
            throw new DataException("dataset " + dataset + ": " + features + " inputs per example, but recipe "
                    + recipe.name() + " reads " + recipe.input().size() + " (input); choose a recipe made for it");
        }
        int classes = classNames.size();
        int units = recipe.output().units();
        if (recipe.task() == Recipe.Task.CLASSIFICATION && classes > Math.max(units, 2)) {
            throw new DataException("dataset " + dataset + ": " + classes + " classes (labels 0.." + (classes - 1)
                    + "), but recipe " + recipe.name() + " has output.units: " + units + "; expected at least "
                    + classes);
        }
        return this;
    }

    /** The layout a family reads: vectors flat, images NCHW, sequences [batch, features, steps]. */
    public static Layout layout(Recipe.Input input) {
        if (input instanceof Recipe.Input.Image) {
            return Layout.IMAGE;
        }
        return input instanceof Recipe.Input.Sequence ? Layout.SEQUENCE : Layout.FLAT;
    }

    /**
     * The image size {rows, cols} a recipe reads: an image's height and width, a sequence's steps (rows) and
     * features (a row's pixels), or a square for a flat vector.
     */
    public static int[] imageSize(Recipe.Input in) {
        if (in instanceof Recipe.Input.Image i) {
            return new int[] {i.height(), i.width()};
        }
        if (in instanceof Recipe.Input.Sequence s) {
            return new int[] {s.steps(), s.features()};
        }
        int side = (int) Math.round(Math.sqrt(in.size()));
        return new int[] {side, in.size() / side};
    }

    static TrainData images(Recipe recipe, ImageData images) {
        Recipe.Input in = recipe.input();
        int[] size = imageSize(in);
        images.requireSize(size[0], size[1]);
        Recipe.Augment a = recipe.data().augment();
        Augmentation augmentation =
                a == null ? Augmentation.NONE : new Augmentation(a.shift(), a.rotateDegrees(), a.flip());
        ImagePipeline.Iterators it = new ImagePipeline(
                        recipe.batchSize(),
                        layout(in),
                        recipe.data().validation(),
                        recipe.data().standardize(),
                        augmentation,
                        recipe.seed())
                .build(images);
        return new TrainData(
                images.id(),
                it.train(),
                it.validation().map(v -> (DataSetIterator) v),
                it.test(),
                images.classNames(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of());
    }

    static TrainData series(Recipe recipe, Optional<Path> dataDir) {
        Recipe.Window w = recipe.data().window();
        SeriesSpec spec = new SeriesSpec(w.date(), w.features(), w.target(), w.steps(), w.horizon(), w.stride());
        String id = dataDir.map(p -> "csv:" + p).orElse(recipe.dataset());
        DataFile csv = Datasets.csv(id);
        TimeSeries series = TimeSeries.readCsv(csv, spec);
        ChronoSplit split =
                ChronoSplit.withValidationShare(series.rows(), recipe.data().validation(), w.testRows());
        SeriesWindows windows = SeriesWindows.build(
                series, spec, split, recipe.data().standardize() ? Scaling.STANDARDIZE : Scaling.NONE);
        Layout layout = layout(recipe.input());
        int batch = recipe.batchSize();
        Optional<DataSetIterator> validation = windows.validation().size() == 0
                ? Optional.empty()
                : Optional.of(windows.iterator(windows.validation(), layout, batch));
        return new TrainData(
                        recipe.dataset(),
                        windows.trainIterator(layout, batch, recipe.seed()),
                        validation,
                        windows.iterator(windows.test(), layout, batch),
                        List.of(),
                        windows.normaliser(),
                        windows.test().labelDates(),
                        Optional.of(series),
                        List.of())
                .withSources(List.of(csv));
    }

    /** The four rows, full batch; the test set is the training set (the notes' question is "did it learn?"). */
    static TrainData teaching(Recipe recipe, DataSet rows) {
        return new TrainData(
                recipe.dataset(),
                new ListDataSetIterator<>(rows.asList(), recipe.batchSize()),
                Optional.empty(),
                new ListDataSetIterator<>(rows.asList(), recipe.batchSize()),
                List.of("0", "1"),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of());
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
