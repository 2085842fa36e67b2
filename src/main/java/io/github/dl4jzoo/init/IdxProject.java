package io.github.dl4jzoo.init;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Catalog;
import io.github.dl4jzoo.data.KnownDataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Projects on IDX images: Fashion-MNIST, its sample, or {@code idx:DIR}. The project reads the four IDX files
 * with its own reader and ships the first images of Fashion-MNIST as its test sample.
 */
final class IdxProject implements ProjectData {
    private static final KnownDataset FASHION = Catalog.find("fashion-mnist").orElseThrow();
    private static final int FASHION_SIDE_PX = 28;

    @Override
    public String kind() {
        return "idx";
    }

    /** Not MNIST: the test sample is Fashion-MNIST's, whose labels mean other classes. */
    @Override
    public boolean writes(String dataset) {
        return !dataset.equals("mnist");
    }

    @Override
    public String misfit(Recipe recipe) {
        if (recipe.dataset().startsWith("idx:")) {
            return null; // the folder's image size is only known when Main reads it
        }
        Recipe.Input in = recipe.input();
        int side = FASHION_SIDE_PX;
        boolean fits = in instanceof Recipe.Input.Image i
                ? i.channels() == 1 && i.height() == side && i.width() == side
                : in instanceof Recipe.Input.Sequence s
                        ? s.steps() == side && s.features() == side
                        : in.size() == side * side;
        if (!fits) {
            return "input: expected {features: 784}, {channels: 1, height: 28, width: 28} or"
                    + " {steps: 28, features: 28} for Fashion-MNIST's 28x28 greyscale images";
        }
        return recipe.output().units() != FASHION.classNames().size()
                ? "output.units: expected 10, one per Fashion-MNIST class"
                : null;
    }

    @Override
    public Contents contents(Recipe recipe, Map<String, String> tokens, DataSources sources) {
        boolean fashion = !recipe.dataset().startsWith("idx:");
        String trainData = fashion ? Scaffold.FASHION_DATA : recipe.dataset().substring(4);
        String layout = tokens.get("LAYOUT");
        tokens.put("DATASET", fashion ? "Fashion-MNIST" : "the IDX images in " + trainData);
        tokens.put(
                "DEFAULT_DATA_DOC",
                fashion
                        ? "Debian's full Fashion-MNIST (apt-get install dataset-fashion-mnist), or any folder of"
                                + " the four files."
                        : "The recipe's dataset folder.");
        tokens.put("DEFAULT_DATA", trainData);
        tokens.put("LAYOUT_DOC", Scaffold.imageLayoutDoc(layout));
        tokens.put("CLASS_NAMES", fashion ? Scaffold.classNames(FASHION.classNames()) : "null");
        tokens.put("SAMPLE_DIR", Scaffold.SAMPLE_DIR);
        tokens.put("TRAIN_COUNT", String.valueOf(Scaffold.SAMPLE_TRAIN_IMAGES));
        tokens.put(
                "SAMPLE_DOC",
                "The first " + Scaffold.SAMPLE_TRAIN_IMAGES + " training and " + Scaffold.SAMPLE_TEST_IMAGES
                        + " test images of Fashion-MNIST (see its README).");
        DataSources.ImageSample sample =
                sources.fashionMnistSample(Scaffold.SAMPLE_TRAIN_IMAGES, Scaffold.SAMPLE_TEST_IMAGES);
        String dir = "src/test/resources/" + Scaffold.SAMPLE_DIR + "/";
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put(dir + "train-images-idx3-ubyte.gz", sample.trainImages());
        data.put(dir + "train-labels-idx1-ubyte.gz", sample.trainLabels());
        data.put(dir + "t10k-images-idx3-ubyte.gz", sample.testImages());
        data.put(dir + "t10k-labels-idx1-ubyte.gz", sample.testLabels());
        data.put(dir + "README", Scaffold.utf8(sampleReadme(sample.source())));
        data.put(dir + "LICENSE", Scaffold.utf8(Templates.read("fashion-mnist-LICENSE")));
        String usage = "`mvn package` writes one runnable jar with DL4J and this machine's natives inside. DATA_DIR"
                + " is a folder with the four IDX files (train-images-idx3-ubyte.gz,"
                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz),"
                + " by default `" + trainData + "`"
                + (trainData.equals(Scaffold.FASHION_DATA)
                        ? ": Debian's full Fashion-MNIST (`apt-get install dataset-fashion-mnist`),"
                                + " or download the four files from"
                                + " https://github.com/zalandoresearch/fashion-mnist."
                        : ".")
                + " EPOCHS defaults to the recipe's " + recipe.epochs() + ". Main prints the loss"
                + " per epoch, then accuracy, precision, recall, F1 and the confusion matrix on the"
                + " test images, and saves the network to `target/" + recipe.name() + ".zip`.";
        return new Contents(
                "Image",
                List.of("Layout.java", "Idx.java", "ImageIterator.java"),
                data,
                Map.of(
                        dir,
                        Scaffold.SAMPLE_TRAIN_IMAGES + " training and " + Scaffold.SAMPLE_TEST_IMAGES
                                + " test images (IDX, gzipped), README, LICENSE"),
                trainData,
                "the " + Scaffold.SAMPLE_TRAIN_IMAGES + " images in `src/test/resources/" + Scaffold.SAMPLE_DIR + "/`",
                "[DATA_DIR] [EPOCHS]",
                usage,
                "| `Idx.java`, `ImageIterator.java`, `Layout.java` | the IDX reader (magic"
                        + " numbers, counts and sizes checked; pixels scaled to [0, 1]) and mini-batches shaped for"
                        + " the network |\n",
                "| `src/test/resources/" + Scaffold.SAMPLE_DIR
                        + "/` | the test sample, with its README and licence |\n",
                "The test sample was taken from " + sample.source() + ".");
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
                .formatted(Scaffold.SAMPLE_DIR, Scaffold.SAMPLE_TRAIN_IMAGES, Scaffold.SAMPLE_TEST_IMAGES, source);
    }
}
