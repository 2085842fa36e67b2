package io.github.dl4jzoo.data;

import io.github.dl4jzoo.data.KnownDataset.Check;
import io.github.dl4jzoo.data.KnownDataset.KnownFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The datasets known by name. Path ids ({@code idx:DIR}, {@code csv:FILE}, ...) name any other: see {@link Datasets}. */
public final class Catalog {
    static final String RESOURCE_ROOT = "io/github/dl4jzoo/data/";

    private static final List<String> FASHION_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    // Fashion-MNIST (Xiao, Rasul, Vollgraf 2017, Zalando Research, MIT): checked by SHA-256 of the
    // decompressed IDX bytes, so a raw or re-compressed copy verifies as well as the original .gz.
    private static final KnownDataset FASHION_MNIST = new KnownDataset(
            "fashion-mnist",
            IdxImages.NAME,
            "Fashion-MNIST: 60,000 + 10,000 28x28 greyscale clothing images, 10 classes",
            List.of(
                    new KnownFile(
                            IdxFolder.TRAIN_IMAGES + ".gz",
                            Check.SHA256_CONTENT,
                            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                            47_040_016),
                    new KnownFile(
                            IdxFolder.TRAIN_LABELS + ".gz",
                            Check.SHA256_CONTENT,
                            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                            60_008),
                    new KnownFile(
                            IdxFolder.TEST_IMAGES + ".gz",
                            Check.SHA256_CONTENT,
                            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                            7_840_016),
                    new KnownFile(
                            IdxFolder.TEST_LABELS + ".gz",
                            Check.SHA256_CONTENT,
                            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
                            10_008)),
            List.of(Path.of("/usr/share/datasets/fashion-mnist")),
            List.of(
                    URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                    URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")),
            Optional.of("dataset-fashion-mnist"),
            Optional.empty(),
            FASHION_CLASSES);

    // MNIST (LeCun, Cortes, Burges): no copy was at hand to hash the decompressed bytes, so these
    // are the published MD5s of the .gz files, the same ones torchvision checks. Unlike the SHA-256
    // of the content they only verify the original .gz files. Debian has no MNIST package.
    private static final KnownDataset MNIST = new KnownDataset(
            "mnist",
            IdxImages.NAME,
            "MNIST: 60,000 + 10,000 28x28 greyscale handwritten digits, 10 classes",
            List.of(
                    new KnownFile(
                            IdxFolder.TRAIN_IMAGES + ".gz", Check.MD5_STORED, "f68b3c2dcbeaaa9fbdd348bbdeb94873", -1),
                    new KnownFile(
                            IdxFolder.TRAIN_LABELS + ".gz", Check.MD5_STORED, "d53e105ee54ea40749a09fcbcd1e9432", -1),
                    new KnownFile(
                            IdxFolder.TEST_IMAGES + ".gz", Check.MD5_STORED, "9fb629c4189551a2d022fa330f9573f3", -1),
                    new KnownFile(
                            IdxFolder.TEST_LABELS + ".gz", Check.MD5_STORED, "ec29112dd5afa0611ce80d1b7f02629c", -1)),
            List.of(),
            List.of(
                    URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("http://yann.lecun.com/exdb/mnist/")),
            Optional.empty(),
            Optional.empty(),
            DIGITS);

    // Made by `zoo data subset` (Subset.write) from Debian's dataset-fashion-mnist; see the README
    // beside the files. SHA-256 of the decompressed content, as for the full set.
    private static final KnownDataset FASHION_MNIST_SAMPLE = new KnownDataset(
            "fashion-mnist-sample",
            IdxImages.NAME,
            "Fashion-MNIST sample (embedded): 6,000 + 1,000 images, equal per class",
            List.of(
                    new KnownFile(
                            IdxFolder.TRAIN_IMAGES + ".gz",
                            Check.SHA256_CONTENT,
                            "7918bf46a8444726a54c05a3a5f9a1143829ed0307abdcabaec6d607dcfb85a1",
                            4_704_016),
                    new KnownFile(
                            IdxFolder.TRAIN_LABELS + ".gz",
                            Check.SHA256_CONTENT,
                            "34e537796414029f0fc93bcd043713347eba6587498c2a71eaf91ff3c67bf975",
                            6_008),
                    new KnownFile(
                            IdxFolder.TEST_IMAGES + ".gz",
                            Check.SHA256_CONTENT,
                            "05ecc5ba0b61f7330cc7aec87bd43744555f686a81bcbce1d65a5c21794e6aaa",
                            784_016),
                    new KnownFile(
                            IdxFolder.TEST_LABELS + ".gz",
                            Check.SHA256_CONTENT,
                            "3062666b557f2a9cd5e45403aab550557f42a6e0b99ab108d8b3cfe0ddfea435",
                            1_008)),
            List.of(),
            List.of(),
            Optional.empty(),
            Optional.of(RESOURCE_ROOT + "fashion-mnist-sample/"),
            FASHION_CLASSES);

    // vega-datasets 3.2.1 data/co2-concentration.csv: monthly Mauna Loa CO2, 1958-03 to 2020-04,
    // columns Date, CO2, adjusted CO2 (Scripps CO2 Program); see the NOTICE beside the file.
    private static final KnownDataset CO2 = new KnownDataset(
            "co2",
            CsvSeries.NAME,
            "Mauna Loa CO2 (embedded): monthly ppm 1958-2020; columns Date, CO2, adjusted CO2",
            List.of(new KnownFile(
                    "co2-concentration.csv",
                    Check.SHA256_CONTENT,
                    "c1a4a970864145940a28225cae288618b156cb32f9a2a1b6606ba7124134febb",
                    18_547)),
            List.of(),
            List.of(),
            Optional.empty(),
            Optional.of(RESOURCE_ROOT + "co2/"),
            List.of());

    private static final KnownDataset XOR = builtIn("xor", "XOR truth table: 4 rows, inputs x1 x2, target 0 1 1 0");
    private static final KnownDataset XOR_BIAS =
            builtIn("xor-bias", "XOR with a constant bias input: 4 rows, inputs x1 x2 1, target 0 1 1 0");

    private static final List<KnownDataset> ALL =
            List.of(FASHION_MNIST, MNIST, FASHION_MNIST_SAMPLE, CO2, XOR, XOR_BIAS);

    // The data's terms, for model cards: Fashion-MNIST's repository licence, and the licence vega-datasets'
    // datapackage.json gives the CO2 resource (see the NOTICE beside the file).
    private static final java.util.Map<String, String> LICENCES = java.util.Map.of(
            "fashion-mnist", "MIT (Zalando SE, github.com/zalandoresearch/fashion-mnist)",
            "fashion-mnist-sample", "MIT (Zalando SE, github.com/zalandoresearch/fashion-mnist)",
            "mnist", "CC BY-SA 3.0 (Yann LeCun and Corinna Cortes)",
            "co2", "CC BY 4.0 (Scripps CO2 Program, Scripps Institution of Oceanography, via vega-datasets 3.2.1)");

    private Catalog() {}

    /** The licence of a dataset known by name; other ids ({@code idx:}, {@code csv:}) are the user's own. */
    public static String licence(String id) {
        return LICENCES.getOrDefault(id, "not known to the zoo (a dataset of the user's own: " + id + ")");
    }

    /** Every dataset known by name, in listing order. */
    public static List<KnownDataset> all() {
        return ALL;
    }

    public static Optional<KnownDataset> find(String id) {
        return ALL.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    private static KnownDataset builtIn(String id, String description) {
        return new KnownDataset(
                id,
                BuiltIn.NAME,
                description,
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }
}
