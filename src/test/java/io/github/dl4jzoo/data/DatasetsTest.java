package io.github.dl4jzoo.data;

import static io.github.dl4jzoo.data.IdxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.data.DatasetStatus.Verification;
import io.github.dl4jzoo.data.DatasetStatus.Where;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class DatasetsTest {
    @TempDir
    Path tmp;

    /** A locator that sees only folders under the test's temp dir and never downloads. */
    private Locator local(Optional<Path> flag) {
        return new Locator(
                flag,
                Optional.of(tmp.resolve("home")),
                tmp.resolve("cache"),
                false,
                Optional.of(List.of()),
                Downloader.standard());
    }

    /** Four tiny valid IDX files (3 train, 3 test images of 2x3) under the usual names. */
    static Path writeTinyIdx(Path dir) {
        Idx.writeImages(dir.resolve(IdxFolder.TRAIN_IMAGES + ".gz"), 2, 3, IdxTest.PIXELS);
        Idx.writeLabels(dir.resolve(IdxFolder.TRAIN_LABELS + ".gz"), IdxTest.LABELS);
        Idx.writeImages(dir.resolve(IdxFolder.TEST_IMAGES), 2, 3, IdxTest.PIXELS);
        Idx.writeLabels(dir.resolve(IdxFolder.TEST_LABELS), IdxTest.LABELS);
        return dir;
    }

    @Test
    void embeddedSampleIsBalancedAndVerifies() {
        ImageData sample = Datasets.images("fashion-mnist-sample", local(Optional.empty()));
        assertEquals(6000, sample.train().size());
        assertEquals(1000, sample.test().size());
        assertEquals(28, sample.train().rows());
        int[] sixHundred = new int[10];
        Arrays.fill(sixHundred, 600);
        int[] oneHundred = new int[10];
        Arrays.fill(oneHundred, 100);
        assertArrayEquals(sixHundred, sample.train().classCounts());
        assertArrayEquals(oneHundred, sample.test().classCounts());
        assertEquals("Ankle boot", sample.classNames().get(9));

        DatasetStatus status = Datasets.verify("fashion-mnist-sample", local(Optional.empty()));
        assertEquals(Where.EMBEDDED, status.where());
        assertEquals(Verification.VERIFIED, status.verification(), status.detail());
        assertEquals(2641841 + 3082 + 443836 + 521, status.sizeBytes());
    }

    @Test
    void embeddedCo2ReadsIntoWindows() {
        SeriesSpec spec = new SeriesSpec("Date", List.of("CO2"), "CO2", 12, 1, 1);
        TimeSeries co2 = TimeSeries.readCsv(Datasets.csv("co2"), spec);
        assertEquals(741, co2.rows());
        assertEquals("1958-03-01", co2.dates().get(0));
        assertEquals(315.70, co2.target()[0], 1e-9);
        assertEquals("2020-04-01", co2.dates().get(740));
        assertEquals(416.18, co2.target()[740], 1e-9);

        SeriesWindows w = SeriesWindows.build(co2, spec, new ChronoSplit(60, 60), true);
        assertEquals(60, w.test().size(), "stride 1: one forecast per test month");
        assertEquals(741 - 120 - 12, w.train().size());
        assertEquals("2020-04-01", w.test().labelDates().get(59));
        assertEquals(416.18, w.denormalise(w.test().labels()).getDouble(59, 0), 1e-3);
        // CO2 rises: test labels lie far above the training mean
        assertTrue(w.test().labels().minNumber().doubleValue() > 1.5);

        assertEquals(
                Verification.VERIFIED,
                Datasets.verify("co2", local(Optional.empty())).verification());
    }

    @Test
    void builtInTeachingSets() {
        DataSet xor = Datasets.builtIn("xor");
        assertArrayEquals(
                new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
                xor.getFeatures().toFloatMatrix());
        assertArrayEquals(new float[][] {{0}, {1}, {1}, {0}}, xor.getLabels().toFloatMatrix());
        DataSet bias = Datasets.builtIn("xor-bias");
        assertArrayEquals(
                new float[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}},
                bias.getFeatures().toFloatMatrix());
        assertArrayEquals(new float[][] {{0}, {1}, {1}, {0}}, bias.getLabels().toFloatMatrix());
    }

    @Test
    void lookupOrderIsFlagThenHomeThenCache() {
        writeTinyIdx(tmp.resolve("cache/fashion-mnist"));
        KnownDataset fashion = Catalog.find("fashion-mnist").orElseThrow();
        assertEquals(
                Where.CACHE,
                IdxImages.find(fashion, local(Optional.empty())).orElseThrow().where());

        writeTinyIdx(tmp.resolve("home/fashion-mnist"));
        assertEquals(
                Where.DATA_HOME,
                IdxImages.find(fashion, local(Optional.empty())).orElseThrow().where());

        Path flag = writeTinyIdx(tmp.resolve("elsewhere"));
        IdxImages.Found found =
                IdxImages.find(fashion, local(Optional.of(flag))).orElseThrow();
        assertEquals(new IdxImages.Found(Where.DIR_FLAG, flag), found);

        // found, readable, but not the published files: listed as such
        ImageData tiny = Datasets.images("fashion-mnist", local(Optional.of(flag)));
        assertEquals(3, tiny.train().size());
        DatasetStatus status = Datasets.list(local(Optional.empty())).get(0);
        assertEquals("fashion-mnist", status.id());
        assertEquals(Where.DATA_HOME, status.where());
        assertEquals(Verification.FAILED, status.verification());
        assertTrue(
                status.detail()
                        .startsWith(tmp.resolve("home/fashion-mnist/train-images-idx3-ubyte.gz")
                                + ": expected 47040016 bytes of content, got 34"),
                status.detail());
    }

    @Test
    void anIncompleteFlaggedFolderIsAnErrorNotAFallThrough() throws IOException {
        Path flag = writeTinyIdx(tmp.resolve("flag"));
        Files.delete(flag.resolve(IdxFolder.TEST_LABELS));
        writeTinyIdx(tmp.resolve("cache/fashion-mnist"));
        assertMessage(
                flag + ": expected t10k-labels-idx1-ubyte.gz (or uncompressed t10k-labels-idx1-ubyte), not found",
                () -> Datasets.images("fashion-mnist", local(Optional.of(flag))));
    }

    @Test
    void missingAndOfflineNamesTheThreeWays() {
        Locator locator = local(Optional.empty());
        String cache = tmp.resolve("cache/fashion-mnist").toString();
        assertMessage(
                "fashion-mnist: not found in " + tmp.resolve("home/fashion-mnist") + ", " + cache
                        + "; provide it with --data DIR (a folder holding train-images-idx3-ubyte.gz,"
                        + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz),"
                        + " or apt-get install dataset-fashion-mnist (or copy the files to " + cache + "),"
                        + " or run 'zoo data fetch fashion-mnist' when online"
                        + " (train-images-idx3-ubyte.gz: download failed: no URL to download from (offline))",
                () -> Datasets.images("fashion-mnist", locator));
        String mnistCache = tmp.resolve("cache/mnist").toString();
        assertMessage(
                "mnist: not found in " + tmp.resolve("home/mnist") + ", " + mnistCache
                        + "; provide it with --data DIR (a folder holding train-images-idx3-ubyte.gz,"
                        + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz),"
                        + " or copy the files to " + mnistCache + ", or run 'zoo data fetch mnist' when online"
                        + " (verify never downloads)",
                () -> Datasets.verify("mnist", locator));
        DatasetStatus mnist = Datasets.list(locator).get(1);
        assertEquals(
                new DatasetStatus("mnist", mnist.description(), Where.MISSING, "-", 0, Verification.MISSING, ""),
                mnist);
    }

    @Test
    void listCoversEveryKnownId() {
        List<String> ids = Datasets.list(local(Optional.empty())).stream()
                .map(DatasetStatus::id)
                .toList();
        assertEquals(List.of("fashion-mnist", "mnist", "fashion-mnist-sample", "co2", "xor", "xor-bias"), ids);
    }

    @Test
    void pathIdsAndUnknownIds() throws IOException {
        Path dir = writeTinyIdx(tmp.resolve("any"));
        ImageData any = Datasets.images("idx:" + dir, local(Optional.empty()));
        assertEquals(List.of("0", "1", "2"), any.classNames(), "classes inferred from labels 0..2");
        DatasetStatus status = Datasets.verify("idx:" + dir, local(Optional.empty()));
        assertEquals(Verification.NO_CHECKSUM, status.verification());
        assertEquals("structure checked: 3 + 3 images of 2x3; no published checksum", status.detail());

        Path csv = Files.writeString(tmp.resolve("x.csv"), "Date,v\n2020-01-01,1\n");
        assertEquals(csv.toString(), Datasets.csv("csv:" + csv).name());
        assertMessage(
                "dataset 'cifar': expected one of fashion-mnist, mnist, fashion-mnist-sample, co2, xor, xor-bias,"
                        + " idx:DIR, csv:FILE, images:DIR",
                () -> Datasets.images("cifar", local(Optional.empty())));
        assertMessage(
                "dataset 'co2': expected an IDX image dataset, it is a CSV dataset",
                () -> Datasets.images("co2", local(Optional.empty())));
    }

    @Test
    void sizeMismatchIsCaughtForTheCaller() {
        Path dir = writeTinyIdx(tmp.resolve("small"));
        ImageData data = Datasets.images("idx:" + dir, local(Optional.empty()));
        assertMessage(
                dir.resolve(IdxFolder.TRAIN_IMAGES + ".gz") + ": offset 8: expected 28x28 images, got 2x3",
                () -> data.requireSize(1, 28, 28));
    }
}
