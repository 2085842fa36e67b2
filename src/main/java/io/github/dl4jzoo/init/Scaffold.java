package io.github.dl4jzoo.init;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Catalog;
import io.github.dl4jzoo.data.Datasets;
import io.github.dl4jzoo.data.KnownDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;

/**
 * A recipe as a standalone DL4J Maven project: pom, README, the network as builder code ({@link NetworkSource}),
 * a {@code Main} that trains and evaluates, the data loader of the recipe's data family, the recipe itself, and a
 * test that trains one short epoch on a tiny sample shipped with the project. Everything is built in memory
 * first, so a project that cannot be made leaves nothing behind.
 */
public final class Scaffold {
    /** Images in the test sample of an image project: enough to see the loss fall, small enough to ship. */
    public static final int SAMPLE_TRAIN_IMAGES = 200;

    public static final int SAMPLE_TEST_IMAGES = 100;

    private static final KnownDataset FASHION = Catalog.find("fashion-mnist").orElseThrow();
    static final String FASHION_DATA = FASHION.systemDirs().get(0).toString();
    static final String SAMPLE_DIR = "fashion-mnist-tiny";
    static final String CO2_FILE = "data/co2-concentration.csv";
    /** Where the project keeps the class DL4J M2.1's oneDNN check looks for (see the Nd4jCpu template). */
    static final String SHIM = "src/main/java/org/nd4j/nativeblas/Nd4jCpu.java";

    private static final int FASHION_SIDE_PX = 28;

    /** Maven's own pattern for an artifactId. */
    private static final Pattern ARTIFACT_ID = Pattern.compile("[A-Za-z0-9_\\-.]+");

    private Scaffold() {}

    /** What the user chose: the Java package and the Maven artifactId. Checked here, before anything is written. */
    public record Options(String javaPackage, String artifactId) {
        public Options {
            checkPackage(javaPackage);
            if (!ARTIFACT_ID.matcher(artifactId).matches()) {
                throw new InitException("--name '" + artifactId
                        + "': expected a Maven artifactId (letters, digits, '-', '_' and '.'), e.g. my-app");
            }
        }

        String folder() {
            return javaPackage.replace('.', '/');
        }
    }

    private static void checkPackage(String name) {
        String prefix = "--package '" + name + "': ";
        if (name.isEmpty()) {
            throw new InitException(prefix + "expected a Java package name, e.g. com.example.app");
        }
        for (String part : name.split("\\.", -1)) {
            if (SourceVersion.isKeyword(part)) {
                throw new InitException(prefix + "'" + part + "' is a Java keyword");
            }
            if (!SourceVersion.isIdentifier(part)) {
                throw new InitException(prefix + "'" + part + "' is not a Java identifier");
            }
        }
        if (name.equals("java") || name.startsWith("java.")) {
            throw new InitException(prefix + "packages under java. are reserved for the JDK");
        }
    }

    /** The data families a project can be written for. */
    enum DataKind {
        /** IDX image files: Fashion-MNIST, or a folder of the same format. */
        IMAGES,
        /** Windows over a time-series CSV. */
        SERIES,
        /** The four rows of XOR, inline. */
        XOR
    }

    /**
     * The project's files by path relative to its folder, in the order they are listed; {@code folderNotes}
     * describe folders better summed up than listed; {@code trainData} is what Main reads by default (null
     * for XOR).
     */
    public record Project(Map<String, byte[]> files, Map<String, String> folderNotes, String trainData) {}

    /** Refuses a folder that cannot take the project: a file, or a non-empty folder without {@code force}. */
    public static void checkTarget(Path dir, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InitException(dir + ": exists and is not a folder");
        }
        if (Files.isDirectory(dir) && !force) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new InitException(dir + ": the folder is not empty (use --force to write into it anyway)");
                }
            } catch (IOException e) {
                throw new InitException(dir + ": cannot list: " + e.getMessage());
            }
        }
    }

    /**
     * The project for {@code recipe}, whose file text is {@code recipeYaml}; {@code command} is how it was asked
     * for (for the README).
     */
    public static Project project(
            Recipe recipe, String recipeYaml, Options options, DataSources sources, String command) {
        DataKind kind = kind(recipe);
        checkShapes(recipe, kind);
        if (recipe.usesStep() && kind != DataKind.XOR) {
            throw new InitException("recipe " + recipe.name() + ": a network with step units cannot be trained by"
                    + " gradient descent; zoo init writes one only for the xor data (as the perceptron recipe)");
        }
        String pkg = options.javaPackage(), main = "src/main/java/" + options.folder() + "/";
        String test = "src/test/java/" + options.folder() + "/";
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("PACKAGE", pkg);
        tokens.put("GROUP", pkg);
        tokens.put("ARTIFACT", options.artifactId());
        tokens.put("RECIPE", recipe.name());

        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        Map<String, byte[]> data = new LinkedHashMap<>();
        String sampleSource = null, trainData = null, layout = layout(recipe);
        Map<String, String> loaders = new LinkedHashMap<>();
        switch (kind) {
            case IMAGES -> {
                trainData =
                        recipe.dataset().startsWith("idx:") ? recipe.dataset().substring(4) : FASHION_DATA;
                boolean fashion = !recipe.dataset().startsWith("idx:");
                tokens.put("DATASET", fashion ? "Fashion-MNIST" : "the IDX images in " + trainData);
                tokens.put(
                        "DEFAULT_DATA_DOC",
                        fashion
                                ? "Debian's full Fashion-MNIST (apt-get install dataset-fashion-mnist), or any folder of"
                                        + " the four files."
                                : "The recipe's dataset folder.");
                tokens.put("DEFAULT_DATA", trainData);
                tokens.put("LAYOUT", layout);
                tokens.put("LAYOUT_DOC", imageLayoutDoc(layout));
                tokens.put("CLASS_NAMES", fashion ? classNames() : "null");
                tokens.put("SAMPLE_DIR", SAMPLE_DIR);
                tokens.put("TRAIN_COUNT", String.valueOf(SAMPLE_TRAIN_IMAGES));
                tokens.put(
                        "SAMPLE_DOC",
                        "The first " + SAMPLE_TRAIN_IMAGES + " training and " + SAMPLE_TEST_IMAGES
                                + " test images of Fashion-MNIST (see its README).");
                loaders.put("Layout.java", Templates.render("Layout.java", tokens));
                loaders.put("Idx.java", Templates.render("Idx.java", tokens));
                loaders.put("ImageIterator.java", Templates.render("ImageIterator.java", tokens));
                DataSources.ImageSample sample = sources.fashionMnistSample(SAMPLE_TRAIN_IMAGES, SAMPLE_TEST_IMAGES);
                sampleSource = sample.source();
                String dir = "src/test/resources/" + SAMPLE_DIR + "/";
                data.put(dir + "train-images-idx3-ubyte.gz", sample.trainImages());
                data.put(dir + "train-labels-idx1-ubyte.gz", sample.trainLabels());
                data.put(dir + "t10k-images-idx3-ubyte.gz", sample.testImages());
                data.put(dir + "t10k-labels-idx1-ubyte.gz", sample.testLabels());
                data.put(dir + "README", utf8(sampleReadme(sample.source())));
                data.put(dir + "LICENSE", utf8(Templates.read("fashion-mnist-LICENSE")));
                notes.put(
                        dir,
                        SAMPLE_TRAIN_IMAGES + " training and " + SAMPLE_TEST_IMAGES
                                + " test images (IDX, gzipped), README, LICENSE");
            }
            case SERIES -> {
                Recipe.Window w = recipe.data().window();
                trainData = CO2_FILE;
                tokens.put("DATASET", "the Mauna Loa CO2 series");
                tokens.put("DEFAULT_DATA_DOC", "Monthly CO2 at Mauna Loa, 1958 to 2020, shipped with this project.");
                tokens.put("DEFAULT_DATA", CO2_FILE);
                tokens.put("LAYOUT", layout);
                tokens.put(
                        "LAYOUT_DOC",
                        layout.equals("SEQUENCE")
                                ? "[windows, features, steps], DL4J's recurrent layout"
                                : "[windows, features * steps], all steps of one feature after another");
                tokens.put("DATE_COLUMN", w.date());
                tokens.put(
                        "FEATURES",
                        String.join(
                                ", ",
                                w.features().stream().map(f -> '"' + f + '"').toList()));
                tokens.put("TARGET", w.target());
                tokens.put("STEPS", String.valueOf(w.steps()));
                tokens.put("HORIZON", String.valueOf(w.horizon()));
                tokens.put("STRIDE", String.valueOf(w.stride()));
                tokens.put("TEST_ROWS", String.valueOf(w.testRows()));
                tokens.put("STANDARDIZE", String.valueOf(recipe.data().standardize()));
                loaders.put("Layout.java", Templates.render("Layout.java", tokens));
                loaders.put("CsvWindows.java", Templates.render("CsvWindows.java", tokens));
                data.put(CO2_FILE, sources.co2Csv());
                data.put("data/NOTICE", utf8(Templates.read("co2-NOTICE")));
            }
            case XOR -> {
                boolean bias = recipe.dataset().equals("xor-bias");
                tokens.put(
                        "DATA_DOC",
                        bias
                                ? "XOR's truth table with a constant third input of 1 (a bias input): 4 rows."
                                : "XOR's truth table: 4 rows of two inputs.");
                tokens.put(
                        "INPUTS",
                        bias ? "{{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}}" : "{{0, 0}, {0, 1}, {1, 0}, {1, 1}}");
                loaders.put("XorData.java", Templates.render("XorData.java", tokens));
            }
        }
        String prefix =
                switch (kind) {
                    case IMAGES -> "Image";
                    case SERIES -> "Series";
                    case XOR -> "Xor";
                };

        files.put("pom.xml", utf8(Templates.render("pom.xml", tokens)));
        files.put(".gitignore", utf8(Templates.read("gitignore")));
        files.put(
                "README.md",
                utf8(readme(
                        recipe, options, kind, trainData, sampleSource, command, NetworkSource.zooClasses(recipe))));
        files.put(".mvn/maven.config", utf8(Templates.read("maven.config")));
        files.put("models/" + recipe.name() + ".yaml", utf8(recipeYaml));
        files.put(main + "Main.java", utf8(Templates.render(prefix + "Main.java", tokens)));
        NetworkSource.files(recipe, pkg, "models/" + recipe.name() + ".yaml")
                .forEach((name, text) -> files.put(main + name, utf8(text)));
        loaders.forEach((name, text) -> files.put(main + name, utf8(text)));
        files.put(main + "Engine.java", utf8(Templates.render("Engine.java", tokens)));
        files.put(SHIM, utf8(Templates.read("Nd4jCpu.java")));
        files.put("src/main/resources/simplelogger.properties", utf8(Templates.read("simplelogger.properties")));
        // gradient descent cannot lower a step network's loss, so its test checks that nothing moves instead
        String networkTest = recipe.usesStep() ? "StepNetworkTest.java" : prefix + "NetworkTest.java";
        files.put(test + "NetworkTest.java", utf8(Templates.render(networkTest, tokens)));
        tokens.put("HELPER_LAYERS", String.valueOf(helperLayers(recipe)));
        files.put(test + "EngineTest.java", utf8(Templates.render("EngineTest.java", tokens)));
        files.putAll(data);
        return new Project(files, notes, trainData);
    }

    /** Writes the files under {@code dir}, creating folders as needed and replacing files of the same name. */
    public static void write(Path dir, Project project) {
        try {
            for (Map.Entry<String, byte[]> e : project.files().entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
        } catch (IOException e) {
            throw new InitException(dir + ": cannot write: " + e.getMessage());
        }
    }

    /** The data family of the recipe's dataset, from its kind in the data catalogue. */
    static DataKind kind(Recipe recipe) {
        String d = recipe.dataset();
        String kind = Datasets.id(d).kind().name();
        if (kind.equals("idx") && !d.equals("mnist")) {
            return DataKind.IMAGES;
        }
        if (d.equals("co2")) {
            return DataKind.SERIES;
        }
        if (kind.equals("built-in")) {
            return DataKind.XOR;
        }
        throw new InitException("dataset '" + d + "': zoo init writes data loaders for fashion-mnist-sample,"
                + " fashion-mnist, idx:DIR, co2, xor and xor-bias");
    }

    /** The layout follows the input the network expects: flat vectors, NCHW images or sequences. */
    static String layout(Recipe recipe) {
        if (recipe.input() instanceof Recipe.Input.Image) {
            return "IMAGE";
        }
        return recipe.input() instanceof Recipe.Input.Sequence ? "SEQUENCE" : "FLAT";
    }

    /** The data the project's loader produces must fit the network, or the project would fail at its first batch. */
    private static void checkShapes(Recipe recipe, DataKind kind) {
        Recipe.Input in = recipe.input();
        String expected = null;
        int outputs = recipe.output().units();
        switch (kind) {
            case IMAGES -> {
                if (recipe.dataset().startsWith("idx:")) {
                    return; // the folder's image size is only known when Main reads it
                }
                int side = FASHION_SIDE_PX;
                boolean fits = in instanceof Recipe.Input.Image i
                        ? i.channels() == 1 && i.height() == side && i.width() == side
                        : in instanceof Recipe.Input.Sequence s
                                ? s.steps() == side && s.features() == side
                                : in.size() == side * side;
                if (!fits) {
                    expected = "input: expected {features: 784}, {channels: 1, height: 28, width: 28} or"
                            + " {steps: 28, features: 28} for Fashion-MNIST's 28x28 greyscale images";
                } else if (outputs != FASHION.classNames().size()) {
                    expected = "output.units: expected 10, one per Fashion-MNIST class";
                }
            }
            case SERIES -> {
                Recipe.Window w = recipe.data().window();
                int features = w.features().size();
                boolean fits = in instanceof Recipe.Input.Sequence s
                        ? s.steps() == w.steps() && s.features() == features
                        : in instanceof Recipe.Input.Vector && in.size() == w.steps() * features;
                if (!fits) {
                    expected = "input: expected {steps: " + w.steps() + ", features: " + features + "} or {features: "
                            + w.steps() * features + "} for windows of " + w.steps() + " steps of " + features
                            + " feature(s)";
                } else if (outputs != 1) {
                    expected = "output.units: expected 1, the forecast";
                }
            }
            case XOR -> {
                int inputs = recipe.dataset().equals("xor-bias") ? 3 : 2;
                if (!(in instanceof Recipe.Input.Vector) || in.size() != inputs) {
                    expected = "input: expected {features: " + inputs + "} for " + recipe.dataset();
                } else if (outputs != 1) {
                    expected = "output.units: expected 1, the XOR of the inputs";
                }
            }
        }
        if (expected != null) {
            throw new InitException("recipe " + recipe.name() + ": " + expected);
        }
    }

    private static String imageLayoutDoc(String layout) {
        return switch (layout) {
            case "IMAGE" -> "NCHW [n, 1, rows, columns]";
            case "SEQUENCE" -> "[n, columns, rows] (DL4J's recurrent layout): row r is time step r";
            default -> "[n, rows * columns], the pixels row by row";
        };
    }

    private static String classNames() {
        return "List.of(\n"
                + String.join(
                        ",\n",
                        FASHION.classNames().stream()
                                .map(n -> "            \"" + n + "\"")
                                .toList())
                + ")";
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

    private static String readme(
            Recipe recipe,
            Options options,
            DataKind kind,
            String trainData,
            String sampleSource,
            String command,
            List<Class<?>> copied) {
        String name = recipe.name(), artifact = options.artifactId(), folder = options.folder();
        StringBuilder s = new StringBuilder();
        s.append("# ").append(artifact).append("\n\n");
        para(
                s,
                "Recipe `" + name + "` of dl4j-zoo as a standalone [Deeplearning4j](https://deeplearning4j.konduit.ai/)"
                        + " 1.0.0-M2.1 project in Java 17. It does not depend on the zoo.");
        Text.wrap(recipe.description(), 110)
                .forEach(l -> s.append("> ").append(l).append('\n'));
        s.append("\n## Build and test\n\n```bash\nmvn -q test\n```\n\n");
        String testData =
                switch (kind) {
                    case IMAGES -> "the " + SAMPLE_TRAIN_IMAGES + " images in `src/test/resources/" + SAMPLE_DIR + "/`";
                    case SERIES -> "the series in `" + CO2_FILE + "`";
                    case XOR -> "the four rows of XOR";
                };
        s.append(String.join(
                        "\n",
                        Text.wrap(
                                "compiles the project, then `NetworkTest` builds the network and trains it for one epoch"
                                        + " on " + testData + ", checking that the loss falls and the output"
                                        + " has the right shape. Java 17 and Maven; `.mvn/maven.config` sets"
                                        + " `-Djavacpp.platform.host`, so Maven fetches the native libraries of this"
                                        + " machine only.",
                                110)))
                .append("\n\n");
        s.append("## Train and evaluate\n\n```bash\nmvn -q package -DskipTests\n");
        switch (kind) {
            case IMAGES -> {
                s.append("java -jar target/").append(artifact).append(".jar [DATA_DIR] [EPOCHS]\n```\n\n");
                para(
                        s,
                        "`mvn package` writes one runnable jar with DL4J and this machine's natives inside. DATA_DIR"
                                + " is a folder with the four IDX files (train-images-idx3-ubyte.gz,"
                                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz),"
                                + " by default `" + trainData + "`"
                                + (trainData.equals(FASHION_DATA)
                                        ? ": Debian's full Fashion-MNIST (`apt-get install dataset-fashion-mnist`),"
                                                + " or download the four files from"
                                                + " https://github.com/zalandoresearch/fashion-mnist."
                                        : ".")
                                + " EPOCHS defaults to the recipe's " + recipe.epochs() + ". Main prints the loss"
                                + " per epoch, then accuracy, precision, recall, F1 and the confusion matrix on the"
                                + " test images, and saves the network to `target/" + name + ".zip`.");
            }
            case SERIES -> {
                s.append("java -jar target/").append(artifact).append(".jar [CSV] [EPOCHS]\n```\n\n");
                para(
                        s,
                        "`mvn package` writes one runnable jar with DL4J and this machine's natives inside. CSV"
                                + " defaults to `" + CO2_FILE + "` (see `data/NOTICE`); EPOCHS to the recipe's "
                                + recipe.epochs() + ". Main trains on the windows before the test period, then"
                                + " prints the last forecasts, their RMSE and MAE in the data's units, and the"
                                + " RMSE of the naive forecast (the window's last value) for scale; it saves the"
                                + " network to `target/" + name + ".zip`.");
            }
            case XOR -> {
                s.append("java -jar target/").append(artifact).append(".jar [EPOCHS]\n```\n\n");
                para(
                        s,
                        "`mvn package` writes one runnable jar with DL4J and this machine's natives inside. EPOCHS"
                                + " (full-batch steps) defaults to the recipe's " + recipe.epochs() + ". Main prints"
                                + " the loss, then the output for each row, and saves the network to `target/"
                                + name + ".zip`.");
            }
        }
        s.append("## Speed\n\n");
        para(
                s,
                "Main and the tests call `Engine.configure()` before any network exists: it switches on DL4J's"
                        + " layer helpers (with `org/nd4j/nativeblas/Nd4jCpu.java`, a class DL4J 1.0.0-M2.1 looks"
                        + " for and no longer finds) and runs ND4J on one thread. The pom's `onednn-x86_64` profile"
                        + " adds ND4J's oneDNN build on Linux x86-64, so convolution and pooling run as native oneDNN"
                        + " ops. These are the settings the zoo trains with; without them its convolutional networks"
                        + " trained 2-3.5x slower. `EngineTest` reads them back from ND4J and DL4J. Off:"
                        + " `-Dorg.eclipse.deeplearning4j.helpers.disable=true`, `-Dthreads=0`, Maven"
                        + " `-P '!onednn-x86_64'`.");
        s.append("## Where it came from\n\n");
        String hinge = copied.isEmpty()
                ? ""
                : " (up to the package of "
                        + String.join(
                                ", ", copied.stream().map(Class::getSimpleName).toList())
                        + ", the zoo's own class, copied into this project)";
        para(
                s,
                "Written by `" + command + "` from the zoo's `models/" + name + ".yaml`, copied here unchanged. `"
                        + NetworkSource.CLASS_NAME + ".java` is that recipe as DL4J builder code, every"
                        + " hyper-parameter a named constant. The zoo compiles the code it writes for every recipe"
                        + " it ships (and variants of them) and checks that its configuration JSON equals the zoo's"
                        + " own" + hinge + ", so this trains the network the zoo trains.");
        StringBuilder differs = new StringBuilder();
        if (recipe.data().validation() > 0) {
            differs.append(" The zoo holds out ")
                    .append(Math.round(recipe.data().validation() * 100))
                    .append("% of the training data for validation; Main trains on all of it and reports on the"
                            + " test data only.");
        }
        if (recipe.data().augment() != null) {
            differs.append(" The recipe's data augmentation is not part of this project.");
        }
        if (kind == DataKind.IMAGES && sampleSource != null) {
            differs.append(" The test sample was taken from ")
                    .append(sampleSource)
                    .append('.');
        }
        if (differs.length() > 0) {
            para(s, differs.toString().trim());
        }
        s.append("## Files\n\n| file | what it is |\n|---|---|\n");
        s.append("| `src/main/java/")
                .append(folder)
                .append("/Main.java` | setup, data, model, training, evaluation, in that order |\n");
        s.append("| `src/main/java/")
                .append(folder)
                .append("/Network.java` | the network: constants, then the builder chain |\n");
        switch (kind) {
            case IMAGES -> s.append("| `Idx.java`, `ImageIterator.java`, `Layout.java` | the IDX reader (magic"
                    + " numbers, counts and sizes checked; pixels scaled to [0, 1]) and mini-batches shaped for"
                    + " the network |\n");
            case SERIES -> s.append("| `CsvWindows.java`, `Layout.java` | windows over the CSV, split by time,"
                    + " standardised with training statistics only |\n");
            case XOR -> s.append("| `XorData.java` | the four rows |\n");
        }
        s.append("| `Engine.java`, `src/main/java/org/nd4j/nativeblas/Nd4jCpu.java` | the engine settings (see Speed)"
                + " |\n");
        for (Class<?> c : copied) {
            String what = c.getSimpleName().equals("MulticlassHingeLoss")
                    ? "the multiclass SVM loss"
                    : "the perceptron's step activation";
            s.append("| `")
                    .append(c.getSimpleName())
                    .append(".java` | ")
                    .append(what)
                    .append(", which DL4J lacks (a copy of the zoo's) |\n");
        }
        s.append("| `src/test/java/")
                .append(folder)
                .append("/NetworkTest.java` | builds the network, trains one epoch, checks the loss fell |\n");
        s.append("| `EngineTest.java` | one OpenMP thread, and a oneDNN helper on every convolution and pooling layer,"
                + " read from ND4J and DL4J |\n");
        s.append("| `models/").append(name).append(".yaml` | the recipe it was written from |\n");
        switch (kind) {
            case IMAGES -> s.append("| `src/test/resources/")
                    .append(SAMPLE_DIR)
                    .append("/` | the test sample, with its README and licence |\n");
            case SERIES -> s.append("| `data/` | the series, with its NOTICE (source and licence) |\n");
            case XOR -> {}
        }
        return s.toString();
    }

    /**
     * Convolution and pooling layers of the recipe's network: the layers DL4J gives a oneDNN helper, which the
     * generated EngineTest checks one by one.
     */
    static int helperLayers(Recipe recipe) {
        return (int) Networks.configuration(recipe).getConfs().stream()
                .map(c -> c.getLayer())
                .filter(l -> l instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer
                        || l instanceof org.deeplearning4j.nn.conf.layers.SubsamplingLayer)
                .count();
    }

    private static void para(StringBuilder s, String text) {
        s.append(String.join("\n", Text.wrap(text, 110))).append("\n\n");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
