package io.github.dl4jzoo.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Where {@code zoo init} finds the data it copies into a project: Fashion-MNIST images for the test sample, and
 * the CO2 series. The zoo's own embedded copies come first (in its jar, under {@code io/github/dl4jzoo/data/}),
 * then Debian's {@code dataset-fashion-mnist} files.
 */
public final class DataSources {
    private static final KnownDataset CO2 = Catalog.find("co2").orElseThrow();
    private static final KnownDataset SAMPLE =
            Catalog.find("fashion-mnist-sample").orElseThrow();
    private static final Path FASHION_MNIST =
            Catalog.find("fashion-mnist").orElseThrow().systemDirs().get(0);

    /** SHA-256 of vega-datasets 3.2.1's data/co2-concentration.csv, the file the project's NOTICE describes. */
    private static final String CO2_SHA256 = CO2.files().get(0).hex();

    /** A folder of files: on the class path (a resource prefix) or on disk. */
    public record Location(String description, String resourcePrefix, Path folder) {
        public static Location resources(String description, String prefix) {
            return new Location(description, prefix, null);
        }

        public static Location folder(String description, Path folder) {
            return new Location(description, null, folder);
        }

        Optional<URL> find(String name) {
            if (resourcePrefix != null) {
                return Optional.ofNullable(DataSources.class.getResource(resourcePrefix + name));
            }
            Path p = folder.resolve(name);
            try {
                return Files.isRegularFile(p) ? Optional.of(p.toUri().toURL()) : Optional.empty();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final List<Location> fashionMnist;
    private final List<Location> co2;

    public DataSources(List<Location> fashionMnist, List<Location> co2) {
        this.fashionMnist = List.copyOf(fashionMnist);
        this.co2 = List.copyOf(co2);
    }

    /** The zoo's embedded data, then Debian's Fashion-MNIST. */
    public static DataSources standard() {
        return new DataSources(
                List.of(
                        Location.resources(
                                "the zoo's embedded Fashion-MNIST sample (itself a subset of the full set)",
                                "/" + SAMPLE.resourceDir().orElseThrow()),
                        Location.folder("Debian's dataset-fashion-mnist (" + FASHION_MNIST + ")", FASHION_MNIST)),
                List.of(Location.resources(
                        "the zoo's embedded copy (" + CO2.resourceDir().orElseThrow() + " in its jar)",
                        "/" + CO2.resourceDir().orElseThrow())));
    }

    /** A few Fashion-MNIST images as four gzipped IDX files, and where they came from. */
    public record ImageSample(
            byte[] trainImages, byte[] trainLabels, byte[] testImages, byte[] testLabels, String source) {}

    /** The first {@code train} training and {@code test} test images of the first location that has all four files. */
    public ImageSample fashionMnistSample(int train, int test) {
        for (Location loc : fashionMnist) {
            Optional<URL> ti = gz(loc, IdxFolder.TRAIN_IMAGES), tl = gz(loc, IdxFolder.TRAIN_LABELS);
            Optional<URL> ei = gz(loc, IdxFolder.TEST_IMAGES), el = gz(loc, IdxFolder.TEST_LABELS);
            if (ti.isPresent() && tl.isPresent() && ei.isPresent() && el.isPresent()) {
                return new ImageSample(
                        firstRecords(ti.get(), Idx.IMAGES_MAGIC, train),
                        firstRecords(tl.get(), Idx.LABELS_MAGIC, train),
                        firstRecords(ei.get(), Idx.IMAGES_MAGIC, test),
                        firstRecords(el.get(), Idx.LABELS_MAGIC, test),
                        loc.description());
            }
        }
        throw new DataException("no Fashion-MNIST to take the test sample from: expected "
                + String.join(
                        " or ", fashionMnist.stream().map(Location::description).toList())
                + " (apt-get install dataset-fashion-mnist)");
    }

    /** The CO2 series, checked to be the file its NOTICE describes. */
    public byte[] co2Csv() {
        for (Location loc : co2) {
            Optional<URL> url = loc.find(CO2.files().get(0).name());
            if (url.isPresent()) {
                byte[] bytes = read(url.get());
                String sha = Checksums.sha256OfStored(
                                new DataFile(url.get().toString(), () -> new ByteArrayInputStream(bytes)))
                        .hex();
                if (!sha.equals(CO2_SHA256)) {
                    throw new DataException(url.get() + ": expected the CO2 series of vega-datasets 3.2.1 (SHA-256 "
                            + CO2_SHA256 + "), got SHA-256 " + sha);
                }
                return bytes;
            }
        }
        throw new DataException("the CO2 series is not in this build of the zoo: expected "
                + String.join(" or ", co2.stream().map(Location::description).toList()));
    }

    private static Optional<URL> gz(Location loc, String name) {
        return loc.find(name + ".gz");
    }

    /**
     * An IDX file cut down to its first {@code n} records, gzipped: the header with the new count, then the
     * records. Checks the magic number and that the file has {@code n} records.
     */
    static byte[] firstRecords(URL gz, int magic, int n) {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(gz.openStream()))) {
            int found = in.readInt();
            if (found != magic) {
                throw new DataException(gz + ": magic number: expected " + magic + ", got " + found);
            }
            int count = in.readInt();
            if (count < n) {
                throw new DataException(gz + ": expected at least " + n + " records, got " + count);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
                out.writeInt(magic);
                out.writeInt(n);
                int recordSize = 1;
                if (magic == Idx.IMAGES_MAGIC) {
                    int rows = in.readInt(), columns = in.readInt();
                    out.writeInt(rows);
                    out.writeInt(columns);
                    recordSize = rows * columns;
                }
                byte[] records = in.readNBytes(n * recordSize);
                if (records.length < n * recordSize) {
                    throw new DataException(gz + ": truncated: expected " + n + " records");
                }
                out.write(records);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new DataException(gz + ": cannot read: " + e.getMessage());
        }
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
