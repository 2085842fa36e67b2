package io.github.dl4jzoo.data;

import io.github.dl4jzoo.data.DatasetStatus.Verification;
import io.github.dl4jzoo.data.DatasetStatus.Where;
import io.github.dl4jzoo.data.KnownDataset.KnownFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * IDX image datasets (MNIST's format): Fashion-MNIST, MNIST and the embedded sample by name, or {@code idx:DIR},
 * any folder of the four files ({@link IdxFolder}). A full dataset is looked for as {@link Locator} says, then
 * downloaded into the cache and verified. Images go through {@link IdxRecordReader} into one ND4J array per split.
 * A project {@code zoo init} writes reads the four files with its own reader and ships the first images of
 * Fashion-MNIST as its test sample.
 */
final class IdxImages implements DataKind {
    static final String NAME = "idx";
    private static final int IDX_MAGIC_BYTES = 4;

    private static final KnownDataset FASHION = Catalog.find("fashion-mnist").orElseThrow();
    private static final String FASHION_DATA = FASHION.systemDirs().get(0).toString();
    private static final int FASHION_SIDE_PX = 28;
    /** Images in a project's test sample: enough to see the loss fall, small enough to ship. */
    private static final int SAMPLE_TRAIN_IMAGES = 200;

    private static final int SAMPLE_TEST_IMAGES = 100;
    private static final String SAMPLE_DIR = "fashion-mnist-tiny";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> pathArgument() {
        return Optional.of("DIR");
    }

    @Override
    public String description() {
        return "an IDX image dataset";
    }

    @Override
    public Splits load(DatasetId id, DataRequest request) {
        Locator locator = request.locator();
        ImageData data = read(id, locator);
        return ImagePipeline.splits(data, request, files(id, locator));
    }

    /** The four files, found (or downloaded) where the locator says. */
    static ImageData read(DatasetId id, Locator locator) {
        List<DataFile> files = files(id, locator);
        return ImageData.read(
                id.id(),
                new ImageData.Files(files.get(0), files.get(1), files.get(2), files.get(3)),
                id.known().map(KnownDataset::classNames).orElse(List.of()));
    }

    /**
     * Train images, train labels, test images, test labels. A folder given with {@code --data} is read for a
     * named dataset (the embedded one too, with its class names).
     */
    private static List<DataFile> files(DatasetId id, Locator locator) {
        if (id.path().isPresent()) {
            return IdxFolder.files(id.path().get()).list();
        }
        KnownDataset dataset = id.requireKnown();
        if (locator.dirFlag().isPresent()) {
            return IdxFolder.files(locator.dirFlag().get()).list();
        }
        if (dataset.resourceDir().isPresent()) {
            String dir = dataset.resourceDir().get();
            return IdxFolder.NAMES.stream()
                    .map(n -> DataFile.resource(dir + n + ".gz"))
                    .toList();
        }
        return IdxFolder.files(locate(dataset, locator).dir()).list();
    }

    @Override
    public DatasetStatus status(DatasetId id, Locator locator) {
        if (id.path().isPresent()) {
            Path dir = id.path().get();
            ImageData data = read(id, locator);
            return new DatasetStatus(
                    id.id(),
                    "IDX folder",
                    Where.PATH,
                    dir.toString(),
                    Datasets.sizeOf(dir),
                    Verification.NO_CHECKSUM,
                    "structure checked: " + data.train().size() + " + "
                            + data.test().size() + " images of " + data.train().rows() + "x"
                            + data.train().cols() + "; no published checksum");
        }
        KnownDataset dataset = id.requireKnown();
        if (dataset.resourceDir().isPresent()) {
            return Datasets.status(dataset, Optional.empty(), Where.EMBEDDED);
        }
        Optional<Found> found = find(dataset, locator);
        return Datasets.status(
                dataset, found.map(Found::dir), found.map(Found::where).orElse(Where.MISSING));
    }

    @Override
    public DatasetStatus verify(DatasetId id, Locator locator) {
        DatasetStatus status = status(id, locator);
        if (status.where() == Where.MISSING) {
            throw missing(id.requireKnown(), locator, "verify never downloads");
        }
        return status;
    }

    @Override
    public DatasetStatus fetch(DatasetId id, Locator locator) {
        if (id.path().isPresent() || id.requireKnown().resourceDir().isPresent()) {
            return status(id, locator);
        }
        Found found = locate(id.requireKnown(), locator);
        return Datasets.status(id.requireKnown(), Optional.of(found.dir()), found.where());
    }

    /** IDX images (the first {@code limit}) or one picture of exactly the network's size, in grey. */
    @Override
    public Examples examples(DatasetId id, Path input, DataRequest request, boolean invert, int limit) {
        int rows = request.rows(), cols = request.cols();
        INDArray flat;
        List<String> names;
        if (isIdx(input)) {
            Idx.Images images = Idx.readImages(DataFile.of(input), rows, cols);
            int n = Math.min(limit, images.count());
            float[] pixels = new float[n * rows * cols];
            for (int i = 0; i < pixels.length; i++) {
                float grey = (images.pixels()[i] & 0xff) / 255f;
                pixels[i] = invert ? 1 - grey : grey;
            }
            flat = Nd4j.create(pixels, new long[] {n, (long) rows * cols}, 'c');
            names = IntStream.range(0, n).mapToObj(i -> "image " + i).toList();
        } else {
            flat = Nd4j.create(Pictures.grey(input, rows, cols, invert), new long[] {1, (long) rows * cols}, 'c');
            names = List.of(input.getFileName().toString());
        }
        return new Examples(names, request.layout().arrange(flat, rows, cols));
    }

    private static boolean isIdx(Path file) {
        try (InputStream in = DataFile.of(file).openContent()) {
            byte[] head = in.readNBytes(IDX_MAGIC_BYTES);
            return head.length == IDX_MAGIC_BYTES && head[0] == 0 && head[1] == 0 && head[2] == 8 && head[3] == 3;
        } catch (IOException | RuntimeException e) {
            return false; // not gzip, not IDX: a picture, or an error the picture reader names
        }
    }

    /** Where a dataset's folder was found. */
    record Found(Where where, Path dir) {}

    /** The first complete folder in lookup order; an explicit dir flag must be complete. */
    static Optional<Found> find(KnownDataset dataset, Locator locator) {
        if (locator.dirFlag().isPresent()) {
            Path dir = locator.dirFlag().get();
            IdxFolder.files(dir); // throws, naming the missing file: the user asked for this folder
            return Optional.of(new Found(Where.DIR_FLAG, dir));
        }
        List<Found> candidates = new ArrayList<>();
        locator.dataHome().ifPresent(home -> candidates.add(new Found(Where.DATA_HOME, home.resolve(dataset.id()))));
        candidates.add(new Found(Where.CACHE, locator.cacheDir(dataset.id())));
        if (locator.systemDirs()) {
            dataset.systemDirs().forEach(dir -> candidates.add(new Found(Where.SYSTEM, dir)));
        }
        return candidates.stream().filter(f -> IdxFolder.complete(f.dir())).findFirst();
    }

    /** Finds the dataset, or downloads it into the cache, or fails with the three ways to provide it. */
    static Found locate(KnownDataset dataset, Locator locator) {
        Optional<Found> found = find(dataset, locator);
        if (found.isPresent()) {
            return found.get();
        }
        Path cache = locator.cacheDir(dataset.id());
        try {
            for (KnownFile file : dataset.files()) {
                if (IdxFolder.file(cache, file.name()).isEmpty()) { // files in the cache were verified on arrival
                    locator.downloader().download(locator.urlsFor(dataset), file.name(), cache, f -> {
                        String mismatch = Datasets.mismatch(file, f);
                        if (mismatch != null) {
                            throw new DataException(mismatch);
                        }
                    });
                }
            }
        } catch (DataException e) {
            throw missing(dataset, locator, e.getMessage());
        }
        return new Found(Where.DOWNLOADED, cache);
    }

    private static DataException missing(KnownDataset dataset, Locator locator, String why) {
        List<String> looked = new ArrayList<>();
        locator.dataHome()
                .ifPresent(home -> looked.add(home.resolve(dataset.id()).toString()));
        looked.add(locator.cacheDir(dataset.id()).toString());
        if (locator.systemDirs()) {
            dataset.systemDirs().forEach(dir -> looked.add(dir.toString()));
        }
        String names =
                String.join(", ", dataset.files().stream().map(KnownFile::name).toList());
        String install = dataset.aptPackage()
                .map(p -> "apt-get install " + p + " (or copy the files to " + locator.cacheDir(dataset.id()) + ")")
                .orElse("copy the files to " + locator.cacheDir(dataset.id()));
        return new DataException(dataset.id() + ": not found in " + String.join(", ", looked) + "; provide it with "
                + Locator.DIR_FLAG + " DIR (a folder holding " + names + "), or " + install
                + ", or run 'zoo data fetch " + dataset.id() + "' when online (" + why + ")");
    }

    /** Fashion-MNIST and IDX folders; not MNIST: the test sample is Fashion-MNIST's, whose labels mean other classes. */
    @Override
    public boolean scaffolds(DatasetId id) {
        return id.path().isPresent() || id.requireKnown().classNames().equals(FASHION.classNames());
    }

    @Override
    public String misfit(ProjectSpec spec) {
        if (spec.dataset().path().isPresent()) {
            return null; // the folder's image size is only known when Main reads it
        }
        DataRequest in = spec.input();
        int side = FASHION_SIDE_PX;
        boolean fits =
                switch (in.layout()) {
                    case IMAGE -> in.channels() == 1 && in.rows() == side && in.cols() == side;
                    case SEQUENCE -> in.rows() == side && in.cols() == side;
                    case FLAT -> in.features() == side * side;
                };
        if (!fits) {
            return "input: expected {features: 784}, {channels: 1, height: 28, width: 28} or"
                    + " {steps: 28, features: 28} for Fashion-MNIST's 28x28 greyscale images";
        }
        return spec.outputs() != FASHION.classNames().size()
                ? "output.units: expected 10, one per Fashion-MNIST class"
                : null;
    }

    @Override
    public ProjectPart project(ProjectSpec spec, Map<String, String> tokens, DataSources sources) {
        boolean fashion = spec.dataset().path().isEmpty();
        String trainData = fashion ? FASHION_DATA : spec.dataset().id().substring(NAME.length() + 1);
        tokens.put("DATASET", fashion ? "Fashion-MNIST" : "the IDX images in " + trainData);
        tokens.put(
                "DEFAULT_DATA_DOC",
                fashion
                        ? "Debian's full Fashion-MNIST (apt-get install dataset-fashion-mnist), or any folder of"
                                + " the four files."
                        : "The recipe's dataset folder.");
        tokens.put("DEFAULT_DATA", trainData);
        tokens.put("LAYOUT_DOC", spec.input().layout().imageDoc());
        tokens.put("CLASS_NAMES", fashion ? javaList(FASHION.classNames()) : "null");
        tokens.put("SAMPLE_DIR", SAMPLE_DIR);
        tokens.put("TRAIN_COUNT", String.valueOf(SAMPLE_TRAIN_IMAGES));
        tokens.put(
                "SAMPLE_DOC",
                "The first " + SAMPLE_TRAIN_IMAGES + " training and " + SAMPLE_TEST_IMAGES
                        + " test images of Fashion-MNIST (see its README).");
        DataSources.ImageSample sample = sources.fashionMnistSample(SAMPLE_TRAIN_IMAGES, SAMPLE_TEST_IMAGES);
        String dir = "src/test/resources/" + SAMPLE_DIR + "/";
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put(dir + IdxFolder.TRAIN_IMAGES + ".gz", sample.trainImages());
        data.put(dir + IdxFolder.TRAIN_LABELS + ".gz", sample.trainLabels());
        data.put(dir + IdxFolder.TEST_IMAGES + ".gz", sample.testImages());
        data.put(dir + IdxFolder.TEST_LABELS + ".gz", sample.testLabels());
        data.put(dir + "README", sampleReadme(sample.source()).getBytes(StandardCharsets.UTF_8));
        data.put(dir + "LICENSE", licence());
        String usage = "`mvn package` writes one runnable jar with DL4J and this machine's natives inside. DATA_DIR"
                + " is a folder with the four IDX files (train-images-idx3-ubyte.gz,"
                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz),"
                + " by default `" + trainData + "`"
                + (trainData.equals(FASHION_DATA)
                        ? ": Debian's full Fashion-MNIST (`apt-get install dataset-fashion-mnist`),"
                                + " or download the four files from"
                                + " https://github.com/zalandoresearch/fashion-mnist."
                        : ".")
                + " EPOCHS defaults to the recipe's " + spec.epochs() + ". Main prints the loss"
                + " per epoch, then accuracy, precision, recall, F1 and the confusion matrix on the"
                + " test images, and saves the network to `target/" + spec.recipe() + ".zip`.";
        return new ProjectPart(
                "Image",
                List.of("Layout.java", "Idx.java", "ImageIterator.java"),
                data,
                Map.of(
                        dir,
                        SAMPLE_TRAIN_IMAGES + " training and " + SAMPLE_TEST_IMAGES
                                + " test images (IDX, gzipped), README, LICENSE"),
                trainData,
                "the " + SAMPLE_TRAIN_IMAGES + " images in `src/test/resources/" + SAMPLE_DIR + "/`",
                "[DATA_DIR] [EPOCHS]",
                usage,
                "| `Idx.java`, `ImageIterator.java`, `Layout.java` | the IDX reader (magic"
                        + " numbers, counts and sizes checked; pixels scaled to [0, 1]) and mini-batches shaped for"
                        + " the network |\n",
                "| `src/test/resources/" + SAMPLE_DIR + "/` | the test sample, with its README and licence |\n",
                "The test sample was taken from " + sample.source() + ".");
    }

    /** Class names as a Java {@code List.of(...)} expression, one a line. */
    private static String javaList(List<String> names) {
        return "List.of(\n"
                + String.join(
                        ",\n",
                        names.stream().map(n -> "            \"" + n + "\"").toList())
                + ")";
    }

    /** Fashion-MNIST's licence, as the embedded sample carries it. */
    private static byte[] licence() {
        String sample =
                Catalog.find("fashion-mnist-sample").orElseThrow().resourceDir().orElseThrow();
        try (InputStream in = DataFile.resource(sample + "LICENSE").openRaw()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw DataException.at("classpath:" + sample + "LICENSE", "read failed: " + e.getMessage());
        }
    }

    private static String sampleReadme(String source) {
        return """
                %s: the first %d training and the first %d test images of Fashion-MNIST, for NetworkTest: enough
                to see the loss fall in one epoch, far too few to measure accuracy (Main trains on the full set).

                From:    Fashion-MNIST by Han Xiao, Kashif Rasul, Roland Vollgraf (Zalando Research, 2017),
                         https://github.com/zalandoresearch/fashion-mnist; taken from %s.
                Format:  IDX, gzipped, as published (images: magic 2051, count, rows, columns, pixels; labels: magic
                         2049, count, labels 0-9).
                Licence: MIT, Copyright (c) 2017 Zalando SE; see LICENSE beside this file.
                Written by zoo init (dl4j-zoo).
                """
                .formatted(SAMPLE_DIR, SAMPLE_TRAIN_IMAGES, SAMPLE_TEST_IMAGES, source);
    }
}
