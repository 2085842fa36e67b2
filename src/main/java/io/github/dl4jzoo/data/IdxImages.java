package io.github.dl4jzoo.data;

import io.github.dl4jzoo.data.DatasetStatus.Verification;
import io.github.dl4jzoo.data.DatasetStatus.Where;
import io.github.dl4jzoo.data.KnownDataset.KnownFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * IDX image datasets (MNIST's format): Fashion-MNIST, MNIST and the embedded sample by name, or {@code idx:DIR},
 * any folder of the four files ({@link IdxFolder}). A full dataset is looked for as {@link Locator} says, then
 * downloaded into the cache and verified. Images go through {@link IdxRecordReader} into one ND4J array per split.
 */
final class IdxImages implements DataKind {
    static final String NAME = "idx";
    private static final int IDX_MAGIC_BYTES = 4;

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
}
