package io.github.dl4jzoo.data;

import io.github.dl4jzoo.data.DatasetStatus.Verification;
import io.github.dl4jzoo.data.DatasetStatus.Where;
import io.github.dl4jzoo.data.KnownDataset.Check;
import io.github.dl4jzoo.data.KnownDataset.Kind;
import io.github.dl4jzoo.data.KnownDataset.KnownFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Datasets by id, the entry point for the trainer and the {@code zoo data} commands. Ids:
 * {@code fashion-mnist}, {@code mnist} (found or downloaded, see {@link Locator}),
 * {@code fashion-mnist-sample} and {@code co2} (embedded), {@code xor} and {@code xor-bias}
 * (built in), {@code idx:PATH} (any folder of IDX files) and {@code csv:PATH} (any CSV file).
 */
public final class Datasets {
    private Datasets() {}

    /** Reads an image dataset: a known IDX id or {@code idx:PATH}. Downloads if it must and may. */
    public static ImageData images(String id, Locator locator) {
        List<String> classNames = id.startsWith(Catalog.IDX_PREFIX)
                ? List.of()
                : requireKind(Catalog.require(id), Kind.IDX).classNames();
        return ImageData.read(id, imageFiles(id, locator), classNames);
    }

    /**
     * The four files an image dataset reads. A folder given with {@code --data} is read, whichever the dataset
     * (an embedded one too, with its class names); with {@code idx:PATH} it is refused, since the id names one.
     */
    public static ImageData.Files imageFiles(String id, Locator locator) {
        Optional<Path> given = locator.dirFlag();
        if (id.startsWith(Catalog.IDX_PREFIX)) {
            if (given.isPresent()) {
                throw DataException.at(
                        Locator.DIR_FLAG + " " + given.get(),
                        "dataset " + id + " names its folder already; give one of the two");
            }
            return IdxFolder.files(Path.of(id.substring(Catalog.IDX_PREFIX.length())));
        }
        KnownDataset dataset = requireKind(Catalog.require(id), Kind.IDX);
        if (given.isPresent()) {
            return IdxFolder.files(given.get());
        }
        return dataset.resourceDir().isPresent()
                ? resourceFiles(dataset)
                : IdxFolder.files(locate(dataset, locator).dir());
    }

    /** A file a run read, and the SHA-256 of its bytes as stored (what {@code sha256sum FILE} prints). */
    public record Source(String file, String sha256) {}

    /** Each file's name (a path, or {@code classpath:} for embedded data) and digest. */
    public static List<Source> sources(List<DataFile> files) {
        return files.stream()
                .map(f -> new Source(f.name(), Checksums.sha256OfStored(f).hex()))
                .toList();
    }

    /** A CSV dataset: {@code co2} (embedded) or {@code csv:PATH}. Read it with {@link TimeSeries#readCsv}. */
    public static DataFile csv(String id) {
        if (id.startsWith(Catalog.CSV_PREFIX)) {
            Path path = Path.of(id.substring(Catalog.CSV_PREFIX.length()));
            if (!Files.isRegularFile(path)) {
                throw DataException.at(path.toString(), "expected a CSV file, not found");
            }
            return DataFile.of(path);
        }
        KnownDataset dataset = requireKind(Catalog.require(id), Kind.CSV);
        return DataFile.resource(
                dataset.resourceDir().orElseThrow() + dataset.files().get(0).name());
    }

    /**
     * A built-in teaching set: {@code xor} (inputs x1, x2) or {@code xor-bias} (x1, x2 and a
     * constant 1, so a network without biases can still learn XOR); targets 0, 1, 1, 0 as a
     * {@code [4, 1]} column.
     */
    public static DataSet builtIn(String id) {
        requireKind(Catalog.require(id), Kind.BUILT_IN);
        float[][] inputs = id.equals("xor")
                ? new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}
                : new float[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};
        float[][] targets = {{0}, {1}, {1}, {0}};
        return new DataSet(Nd4j.createFromArray(inputs), Nd4j.createFromArray(targets));
    }

    /**
     * Every known dataset: where it is, its size, and whether it verifies. Never downloads, and
     * ignores the dir flag (which names one dataset's folder, not all of them).
     */
    public static List<DatasetStatus> list(Locator locator) {
        Locator noFlag = new Locator(
                Optional.empty(),
                locator.dataHome(),
                locator.cacheRoot(),
                locator.systemDirs(),
                locator.baseUrls(),
                locator.downloader());
        List<DatasetStatus> out = new ArrayList<>();
        for (KnownDataset d : Catalog.all()) {
            out.add(status(d, noFlag));
        }
        return out;
    }

    /** Makes a dataset available: found where it is, or downloaded into the cache and verified. */
    public static DatasetStatus fetch(String id, Locator locator) {
        if (isPathId(id)) {
            return verify(id, locator);
        }
        KnownDataset dataset = Catalog.require(id);
        if (dataset.kind() == Kind.IDX && dataset.resourceDir().isEmpty()) {
            return status(dataset, Optional.of(locate(dataset, locator)));
        }
        return status(dataset, locator);
    }

    /** Checks a dataset where it is found, without downloading; a missing dataset is an error saying how to provide it. */
    public static DatasetStatus verify(String id, Locator locator) {
        if (id.startsWith(Catalog.IDX_PREFIX)) {
            Path dir = Path.of(id.substring(Catalog.IDX_PREFIX.length()));
            ImageData data = images(id, locator);
            return new DatasetStatus(
                    id,
                    "IDX folder",
                    Where.PATH,
                    dir.toString(),
                    sizeOf(dir),
                    Verification.NO_CHECKSUM,
                    "structure checked: " + data.train().size() + " + "
                            + data.test().size() + " images of " + data.train().rows() + "x"
                            + data.train().cols() + "; no published checksum");
        }
        if (id.startsWith(Catalog.CSV_PREFIX)) {
            DataFile file = csv(id);
            Path path = Path.of(file.name());
            return new DatasetStatus(
                    id,
                    "CSV file",
                    Where.PATH,
                    path.toString(),
                    sizeOf(path),
                    Verification.NO_CHECKSUM,
                    "no published checksum");
        }
        KnownDataset dataset = Catalog.require(id);
        DatasetStatus status = status(dataset, locator.offline());
        if (status.where() == Where.MISSING) {
            throw missing(dataset, locator, "verify never downloads");
        }
        return status;
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
                        String mismatch = mismatch(file, f);
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

    private static DatasetStatus status(KnownDataset d, Locator locator) {
        return status(
                d, d.resourceDir().isPresent() || d.kind() == Kind.BUILT_IN ? Optional.empty() : find(d, locator));
    }

    /** Status of a dataset at {@code found} (ignored for embedded and built-in ones). */
    private static DatasetStatus status(KnownDataset d, Optional<Found> found) {
        if (d.kind() == Kind.BUILT_IN) {
            return new DatasetStatus(
                    d.id(), d.description(), Where.BUILT_IN, "built-in", 0, Verification.NO_CHECKSUM, "made in code");
        }
        List<DataFile> files = new ArrayList<>();
        long size = 0;
        Where where;
        String location;
        if (d.resourceDir().isPresent()) {
            where = Where.EMBEDDED;
            location = "classpath:" + d.resourceDir().get();
            for (KnownFile f : d.files()) {
                files.add(DataFile.resource(d.resourceDir().get() + f.name()));
                size += streamedSize(files.get(files.size() - 1));
            }
        } else {
            if (found.isEmpty()) {
                return new DatasetStatus(d.id(), d.description(), Where.MISSING, "-", 0, Verification.MISSING, "");
            }
            where = found.get().where();
            location = found.get().dir().toString();
            for (KnownFile f : d.files()) {
                Path path = IdxFolder.file(found.get().dir(), f.name()).orElseThrow();
                files.add(DataFile.of(path));
                size += path.toFile().length();
            }
        }
        Verification verification = Verification.VERIFIED;
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            KnownFile known = d.files().get(i);
            DataFile file = files.get(i);
            if (known.check() == Check.MD5_STORED && !file.gzipped()) {
                // the published MD5s are of the .gz files; an uncompressed copy cannot be compared
                verification = verification == Verification.FAILED ? verification : Verification.NO_CHECKSUM;
                notes.add(file.name() + ": uncompressed, published MD5 is of the .gz");
                continue;
            }
            String mismatch = mismatch(known, file);
            if (mismatch != null) {
                verification = Verification.FAILED;
                notes.add(mismatch);
            }
        }
        String detail = verification == Verification.VERIFIED
                ? files.size()
                        + (files.size() == 1 ? " file matches " : " files match ")
                        + (d.files().get(0).check() == Check.MD5_STORED
                                ? "published MD5 of the .gz"
                                : files.stream().allMatch(DataFile::gzipped)
                                        ? "SHA-256 of the decompressed content"
                                        : "SHA-256 of the content")
                : String.join("; ", notes);
        return new DatasetStatus(d.id(), d.description(), where, location, size, verification, detail);
    }

    /** Why {@code file} is not the published {@code known} file, or null if it is. */
    static String mismatch(KnownFile known, DataFile file) {
        try {
            if (known.check() == Check.MD5_STORED) {
                Checksums.Digest md5 = Checksums.md5OfStored(file);
                return md5.hex().equals(known.hex())
                        ? null
                        : file.name() + ": MD5 is " + md5.hex() + ", expected " + known.hex();
            }
            Checksums.Digest sha = Checksums.sha256OfContent(file);
            if (known.contentBytes() >= 0 && sha.bytes() != known.contentBytes()) {
                return file.name() + ": expected " + known.contentBytes() + " bytes of content, got " + sha.bytes();
            }
            return sha.hex().equals(known.hex())
                    ? null
                    : file.name() + ": SHA-256 of content is " + sha.hex() + ", expected " + known.hex();
        } catch (DataException e) {
            return e.getMessage();
        }
    }

    private static ImageData.Files resourceFiles(KnownDataset d) {
        String dir = d.resourceDir().orElseThrow();
        return new ImageData.Files(
                DataFile.resource(dir + IdxFolder.TRAIN_IMAGES + ".gz"),
                DataFile.resource(dir + IdxFolder.TRAIN_LABELS + ".gz"),
                DataFile.resource(dir + IdxFolder.TEST_IMAGES + ".gz"),
                DataFile.resource(dir + IdxFolder.TEST_LABELS + ".gz"));
    }

    private static KnownDataset requireKind(KnownDataset d, Kind kind) {
        if (d.kind() != kind) {
            throw new DataException(
                    "dataset '" + d.id() + "': expected " + kindName(kind) + ", it is " + kindName(d.kind()));
        }
        return d;
    }

    private static String kindName(Kind kind) {
        return switch (kind) {
            case IDX -> "an IDX image dataset";
            case CSV -> "a CSV dataset";
            case BUILT_IN -> "a built-in dataset";
        };
    }

    private static boolean isPathId(String id) {
        return id.startsWith(Catalog.IDX_PREFIX) || id.startsWith(Catalog.CSV_PREFIX);
    }

    /** Size of a classpath resource, which has no file to ask (it may sit inside a jar). */
    private static long streamedSize(DataFile file) {
        try (InputStream in = file.openRaw()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw DataException.at(file.name(), "read failed: " + e.getMessage());
        }
    }

    private static long sizeOf(Path path) {
        try (var walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw DataException.at(path.toString(), "cannot read: " + e.getMessage());
        }
    }
}
