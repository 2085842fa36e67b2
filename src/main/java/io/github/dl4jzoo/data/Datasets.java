package io.github.dl4jzoo.data;

import io.github.dl4jzoo.data.DatasetStatus.Verification;
import io.github.dl4jzoo.data.DatasetStatus.Where;
import io.github.dl4jzoo.data.KnownDataset.Check;
import io.github.dl4jzoo.data.KnownDataset.KnownFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Datasets by id, the entry point for the trainer and the {@code zoo data} commands. An id is a dataset the
 * {@link Catalog} knows by name ({@code fashion-mnist}, {@code co2}, {@code xor}, ...) or {@code KIND:PATH} for a
 * file or folder of one of the {@link #KINDS}: {@code idx:DIR}, {@code csv:FILE}, {@code images:DIR}.
 */
public final class Datasets {
    /** Every data format the zoo reads, one class each. */
    static final List<DataKind> KINDS = List.of(new IdxImages(), new CsvSeries(), new ImageFolder(), new BuiltIn());

    private Datasets() {}

    /** A file a run read, and the SHA-256 of its bytes as stored (what {@code sha256sum FILE} prints). */
    public record Source(String file, String sha256) {}

    /** Each file's name (a path, or {@code classpath:} for embedded data) and digest. */
    public static List<Source> sources(List<DataFile> files) {
        return files.stream()
                .map(f -> new Source(f.name(), Checksums.sha256OfStored(f).hex()))
                .toList();
    }

    /** The id resolved to its kind, or a one-line error naming the ids and path forms there are. Reads no file. */
    public static DatasetId id(String id) {
        int colon = id.indexOf(':');
        if (colon > 0) {
            String prefix = id.substring(0, colon);
            Optional<DataKind> kind = KINDS.stream()
                    .filter(k -> k.pathArgument().isPresent() && k.name().equals(prefix))
                    .findFirst();
            if (kind.isPresent()) {
                String path = id.substring(colon + 1);
                if (path.isBlank()) {
                    throw new DataException("dataset '" + id + "': expected " + pathForm(kind.get()) + ", got no "
                            + kind.get().pathArgument().get() + " after '" + prefix + ":'");
                }
                return new DatasetId(id, kind.get(), Optional.empty(), Optional.of(Path.of(path)));
            }
        }
        Optional<KnownDataset> known = Catalog.find(id);
        if (known.isPresent()) {
            return new DatasetId(id, kind(known.get().kind()), known, Optional.empty());
        }
        throw new DataException("dataset '" + id + "': expected one of " + String.join(", ", ids()));
    }

    /** Every id form: the catalogue's names, then {@code KIND:PATH} for each kind that reads paths. */
    public static List<String> ids() {
        return Stream.concat(
                        Catalog.all().stream().map(KnownDataset::id),
                        KINDS.stream().filter(k -> k.pathArgument().isPresent()).map(Datasets::pathForm))
                .toList();
    }

    /**
     * Refuses a {@code --data} path that dataset {@code id} would not read (a built-in set, or an id that names
     * its path already), which would otherwise be ignored. Reads no file.
     */
    public static void checkDataFlag(String id, Optional<Path> dataFlag) {
        DatasetId d = id(id);
        if (dataFlag.isPresent() && !d.kind().readsDataFlag(d)) {
            String why = d.path().isPresent()
                    ? "dataset " + d.id() + " names its "
                            + d.kind().pathArgument().orElse("path").toLowerCase(java.util.Locale.ROOT)
                            + " already; give one of the two"
                    : "dataset " + d.id() + " is " + d.kind().description() + " and reads no files; drop "
                            + Locator.DIR_FLAG + " or choose another dataset with --set dataset=ID";
            throw DataException.at(Locator.DIR_FLAG + " " + dataFlag.get(), why);
        }
    }

    /** The dataset's splits, as {@code request} asks. */
    public static Splits load(String id, DataRequest request) {
        checkDataFlag(id, request.dataFlag());
        DatasetId d = id(id);
        return d.kind().load(d, request);
    }

    /** Examples for a trained model to predict from, read as the dataset {@code id} was read for training. */
    public static DataKind.Examples examples(String id, Path input, DataRequest request, boolean invert, int limit) {
        DatasetId d = id(id);
        return d.kind().examples(d, input, request, invert, limit);
    }

    /** Reads an image dataset: a known IDX id or {@code idx:DIR}. Downloads if it must and may. */
    public static ImageData images(String id, Locator locator) {
        return IdxImages.read(requireKind(id(id), IdxImages.NAME), locator);
    }

    /** The file of a CSV dataset: {@code co2} (embedded) or {@code csv:FILE}. Read it with {@link TimeSeries#readCsv}. */
    public static DataFile csv(String id) {
        return CsvSeries.file(requireKind(id(id), CsvSeries.NAME));
    }

    /** A picture folder, {@code images:DIR}: its classes and pictures, checked (the pictures are not decoded). */
    public static ImageFolder.Folder pictures(String id) {
        return ImageFolder.scan(requireKind(id(id), ImageFolder.NAME).requirePath());
    }

    /** A built-in teaching set's four rows: {@code xor} or {@code xor-bias}. */
    public static DataSet builtIn(String id) {
        requireKind(id(id), BuiltIn.NAME);
        return BuiltIn.rows(id);
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
            DatasetId id = id(d.id());
            out.add(id.kind().status(id, noFlag.offline()));
        }
        return out;
    }

    /** Makes a dataset available: found where it is, or downloaded into the cache and verified. */
    public static DatasetStatus fetch(String id, Locator locator) {
        DatasetId d = id(id);
        return d.kind().fetch(d, locator);
    }

    /**
     * Checks a dataset where it is found, without downloading; a missing catalogue dataset is an error saying
     * how to provide it.
     */
    public static DatasetStatus verify(String id, Locator locator) {
        DatasetId d = id(id);
        return d.kind().verify(d, locator.offline());
    }

    static DataKind kind(String name) {
        return KINDS.stream()
                .filter(k -> k.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no data kind named " + name));
    }

    static String pathForm(DataKind kind) {
        return kind.name() + ":" + kind.pathArgument().orElseThrow();
    }

    static DatasetId requireKind(DatasetId d, String kind) {
        if (!d.kind().name().equals(kind)) {
            throw new DataException("dataset '" + d.id() + "': expected "
                    + kind(kind).description() + ", it is " + d.kind().description());
        }
        return d;
    }

    /**
     * Status of a catalogue dataset with files: embedded, or in the folder {@code found} ({@code where} says how
     * it was found), or missing.
     */
    static DatasetStatus status(KnownDataset d, Optional<Path> found, Where where) {
        List<DataFile> files = new ArrayList<>();
        long size = 0;
        String location;
        if (d.resourceDir().isPresent()) {
            location = "classpath:" + d.resourceDir().get();
            for (KnownFile f : d.files()) {
                files.add(DataFile.resource(d.resourceDir().get() + f.name()));
                size += streamedSize(files.get(files.size() - 1));
            }
        } else {
            if (found.isEmpty()) {
                return new DatasetStatus(d.id(), d.description(), Where.MISSING, "-", 0, Verification.MISSING, "");
            }
            location = found.get().toString();
            for (KnownFile f : d.files()) {
                Path path = IdxFolder.file(found.get(), f.name()).orElseThrow();
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

    /** Size of a classpath resource, which has no file to ask (it may sit inside a jar). */
    static long streamedSize(DataFile file) {
        try (InputStream in = file.openRaw()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw DataException.at(file.name(), "read failed: " + e.getMessage());
        }
    }

    static long sizeOf(Path path) {
        try (var walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw DataException.at(path.toString(), "cannot read: " + e.getMessage());
        }
    }
}
