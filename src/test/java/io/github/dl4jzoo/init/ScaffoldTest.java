package io.github.dl4jzoo.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.data.Catalog;
import io.github.dl4jzoo.data.DataException;
import io.github.dl4jzoo.data.DataSources;
import io.github.dl4jzoo.data.Datasets;
import io.github.dl4jzoo.data.Stripes;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The project {@code zoo init} writes: its files, its sample, its pom, and that its sources compile. */
class ScaffoldTest {
    static final Registry REGISTRY = Registry.load(Path.of("models"));
    static final Scaffold.Options OPTIONS = new Scaffold.Options("com.example.app", "app");

    static Scaffold.Project project(String recipe) throws IOException {
        return project(REGISTRY.get(recipe), OPTIONS);
    }

    static Scaffold.Project project(Recipe recipe, Scaffold.Options options) throws IOException {
        String yaml = Files.readString(REGISTRY.file(recipe.name()));
        return Scaffold.project(
                recipe, yaml, options, DataSources.standard(), "zoo init app --recipe " + recipe.name());
    }

    /** The CO2 series is embedded by the data layer; until that is in this build, its recipes cannot be written. */
    static boolean co2Available() {
        return DataSources.class.getResource("/io/github/dl4jzoo/data/co2/co2-concentration.csv") != null;
    }

    @Test
    void anImageProjectHasTheseFilesInThisOrder() throws IOException {
        assertEquals(
                List.of(
                        "pom.xml",
                        ".gitignore",
                        "README.md",
                        ".mvn/maven.config",
                        "models/lstm-rows.yaml",
                        "src/main/java/com/example/app/Main.java",
                        "src/main/java/com/example/app/Network.java",
                        "src/main/java/com/example/app/Layout.java",
                        "src/main/java/com/example/app/Idx.java",
                        "src/main/java/com/example/app/ImageIterator.java",
                        "src/main/java/com/example/app/Engine.java",
                        "src/main/java/org/nd4j/nativeblas/Nd4jCpu.java",
                        "src/main/resources/simplelogger.properties",
                        "src/test/java/com/example/app/NetworkTest.java",
                        "src/test/java/com/example/app/EngineTest.java",
                        "src/test/resources/fashion-mnist-tiny/train-images-idx3-ubyte.gz",
                        "src/test/resources/fashion-mnist-tiny/train-labels-idx1-ubyte.gz",
                        "src/test/resources/fashion-mnist-tiny/t10k-images-idx3-ubyte.gz",
                        "src/test/resources/fashion-mnist-tiny/t10k-labels-idx1-ubyte.gz",
                        "src/test/resources/fashion-mnist-tiny/README",
                        "src/test/resources/fashion-mnist-tiny/LICENSE"),
                List.copyOf(project("lstm-rows").files().keySet()));
    }

    @Test
    void aPictureProjectShipsTheFirstPicturesOfEachClassAndReadsThemThroughDataVec(@TempDir Path tmp)
            throws IOException {
        Path pictures = Stripes.draw(tmp.resolve("stripes"));
        Recipe recipe = REGISTRY.get("lenet5", List.of("dataset=images:" + pictures, "output.units=3"));
        Scaffold.Project p = project(recipe, OPTIONS);
        List<String> sample = new ArrayList<>();
        for (String c : Stripes.CLASSES) {
            for (int i = 0; i < Stripes.PER_CLASS; i++) {
                String name = String.format("%02d.%s", i, i % 3 == 2 ? "jpg" : "png");
                sample.add("src/test/resources/pictures-tiny/" + c + "/" + name);
                assertArrayEquals(
                        Files.readAllBytes(pictures.resolve(c).resolve(name)),
                        p.files().get(sample.get(sample.size() - 1)));
            }
        }
        List<String> expected = new ArrayList<>(List.of(
                "pom.xml",
                ".gitignore",
                "README.md",
                ".mvn/maven.config",
                "models/lenet5.yaml",
                "src/main/java/com/example/app/Main.java",
                "src/main/java/com/example/app/Network.java",
                "src/main/java/com/example/app/Layout.java",
                "src/main/java/com/example/app/PictureFolder.java",
                "src/main/java/com/example/app/Engine.java",
                "src/main/java/org/nd4j/nativeblas/Nd4jCpu.java",
                "src/main/resources/simplelogger.properties",
                "src/test/java/com/example/app/NetworkTest.java",
                "src/test/java/com/example/app/EngineTest.java"));
        expected.addAll(sample);
        assertEquals(expected, List.copyOf(p.files().keySet()));
        assertEquals(pictures.toString(), p.trainData());
        String main = text(p.files(), "src/main/java/com/example/app/Main.java");
        assertTrue(main.contains("static final int CHANNELS = 1;"), main);
        assertTrue(main.contains("static final int ROWS = 28;") && main.contains("static final int COLUMNS = 28;"));
        String loader = text(p.files(), "src/main/java/com/example/app/PictureFolder.java");
        assertTrue(loader.contains("new ImageRecordReader(rows, columns, channels, new ParentPathLabelGenerator())"));
        // 16 training pictures of each class: every fifth of the 20 is a test picture
        assertTrue(text(p.files(), "src/test/java/com/example/app/NetworkTest.java")
                .contains("assertEquals(48, train.count());"));
    }

    @Test
    void theHingeLossRecipeShipsItsOwnCopyOfTheLoss() throws IOException {
        Map<String, byte[]> files = project("linear-svm").files();
        assertTrue(files.containsKey("src/main/java/com/example/app/MulticlassHingeLoss.java"));
        assertTrue(text(files, "src/main/java/com/example/app/Network.java")
                .contains(".layer(new OutputLayer.Builder(new MulticlassHingeLoss())\n"));
        assertTrue(text(files, "README.md").contains("(up to the package of MulticlassHingeLoss"));
    }

    @Test
    void thePerceptronProjectShipsTheStepActivationAndATestThatNothingMoves() throws IOException {
        Map<String, byte[]> files = project("perceptron").files();
        assertTrue(files.containsKey("src/main/java/com/example/app/ActivationStep.java"));
        assertTrue(text(files, "src/main/java/com/example/app/Network.java")
                .contains(".activation(new ActivationStep())\n"));
        assertTrue(text(files, "src/test/java/com/example/app/NetworkTest.java")
                .contains("void theGradientIsExactlyZeroAndAStepChangesNoParameter()"));
        assertTrue(text(files, "README.md").contains("| `ActivationStep.java` | the perceptron's step activation"));
    }

    @Test
    void theStepTemplateIsTheZoosClassWithItsPackageRenamed() throws IOException {
        String zoo = Files.readString(Path.of("src/main/java/io/github/dl4jzoo/arch/ActivationStep.java"));
        assertEquals(zoo, Templates.render("ActivationStep.java", Map.of("PACKAGE", "io.github.dl4jzoo.arch")));
    }

    @Test
    void theLossTemplateIsTheZoosClassWithItsPackageRenamed() throws IOException {
        String zoo = Files.readString(Path.of("src/main/java/io/github/dl4jzoo/arch/MulticlassHingeLoss.java"));
        assertEquals(zoo, Templates.render("MulticlassHingeLoss.java", Map.of("PACKAGE", "io.github.dl4jzoo.arch")));
    }

    /** The first records of the source, with the counts rewritten: IDX that the project's reader accepts. */
    @Test
    void theTestSampleIsTwoHundredAndOneHundredImagesInIdx() throws IOException {
        Map<String, byte[]> files = project("lenet5").files();
        String dir = "src/test/resources/fashion-mnist-tiny/";
        int[] trainImages = header(files.get(dir + "train-images-idx3-ubyte.gz"), 4);
        assertArrayEquals(new int[] {2051, 200, 28, 28}, trainImages);
        assertArrayEquals(new int[] {2049, 200}, header(files.get(dir + "train-labels-idx1-ubyte.gz"), 2));
        assertArrayEquals(new int[] {2051, 100, 28, 28}, header(files.get(dir + "t10k-images-idx3-ubyte.gz"), 4));
        assertArrayEquals(new int[] {2049, 100}, header(files.get(dir + "t10k-labels-idx1-ubyte.gz"), 2));
        assertEquals(16 + 200 * 28 * 28, gunzip(files.get(dir + "train-images-idx3-ubyte.gz")).length);
        byte[] labels = gunzip(files.get(dir + "train-labels-idx1-ubyte.gz"));
        for (int i = 8; i < labels.length; i++) {
            assertTrue(labels[i] >= 0 && labels[i] < 10, "label " + labels[i]);
        }
        assertTrue(text(files, dir + "README").contains("Licence: MIT, Copyright (c) 2017 Zalando SE"));
    }

    @Test
    void theSampleIsTakenFromTheFirstLocationThatHasAllFourFiles(@TempDir Path dir) throws IOException {
        Path debian = Catalog.find("fashion-mnist").orElseThrow().systemDirs().get(0);
        assumeTrue(Files.isDirectory(debian), "needs dataset-fashion-mnist");
        Files.copy(debian.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-images-idx3-ubyte.gz"));
        DataSources sources = new DataSources(
                List.of(
                        DataSources.Location.folder("an incomplete folder", dir),
                        DataSources.Location.folder("Debian", debian)),
                List.of());
        DataSources.ImageSample sample = sources.fashionMnistSample(3, 2);
        assertEquals("Debian", sample.source());
        assertArrayEquals(new int[] {2049, 2}, header(sample.testLabels(), 2));
    }

    @Test
    void withoutAnyFashionMnistTheMessageSaysWhereItLooked() {
        DataSources none =
                new DataSources(List.of(DataSources.Location.folder("/nowhere", Path.of("/nowhere"))), List.of());
        DataException e = assertThrows(DataException.class, () -> none.fashionMnistSample(200, 100));
        assertEquals(
                "no Fashion-MNIST to take the test sample from: expected /nowhere"
                        + " (apt-get install dataset-fashion-mnist)",
                e.getMessage());
    }

    @Test
    void thePomPinsTheZoosVersions() throws Exception {
        Document zoo = xml(Files.readAllBytes(Path.of("pom.xml")));
        Document generated = xml(project("xor").files().get("pom.xml"));
        for (String dependency : List.of(
                "deeplearning4j-core", "nd4j-native-platform", "datavec-api", "slf4j-simple", "junit-jupiter")) {
            assertEquals(
                    version(zoo, "dependency", dependency), version(generated, "dependency", dependency), dependency);
        }
        for (String plugin : List.of(
                "maven-compiler-plugin",
                "maven-surefire-plugin",
                "maven-resources-plugin",
                "maven-jar-plugin",
                "maven-install-plugin",
                "maven-clean-plugin",
                "maven-shade-plugin")) {
            assertEquals(version(zoo, "plugin", plugin), version(generated, "plugin", plugin), plugin);
        }
        assertEquals(0, generated.getElementsByTagName("parent").getLength());
        NodeList groups = generated.getElementsByTagName("groupId");
        for (int i = 0; i < groups.getLength(); i++) {
            assertTrue(!groups.item(i).getTextContent().startsWith("io.github.dl4jzoo"), "no dependency on the zoo");
        }
        assertEquals("-Djavacpp.platform.host\n", text(project("xor").files(), ".mvn/maven.config"));
    }

    @Test
    void aRecipeWhoseInputDoesNotFitItsDataIsRefused() {
        Recipe bigger = REGISTRY.get("lenet5", List.of("input={channels: 1, height: 32, width: 32}"));
        InitException e = assertThrows(InitException.class, () -> project(bigger, OPTIONS));
        assertEquals(
                "recipe lenet5: input: expected {features: 784}, {channels: 1, height: 28, width: 28} or"
                        + " {steps: 28, features: 28} for Fashion-MNIST's 28x28 greyscale images",
                e.getMessage());
    }

    @Test
    void aSeriesRecipeWithoutWindowsIsRefused() {
        Recipe classifier = REGISTRY.get("mlp", List.of("dataset=co2"));
        InitException e = assertThrows(InitException.class, () -> project(classifier, OPTIONS));
        assertEquals("recipe mlp: data.window: expected the windows to cut the series into", e.getMessage());
    }

    @Test
    void aDatasetWithoutALoaderIsRefused() {
        Recipe mnist = REGISTRY.get("mlp", List.of("dataset=mnist"));
        InitException e = assertThrows(InitException.class, () -> project(mnist, OPTIONS));
        assertEquals(
                "dataset 'mnist': zoo init writes data loaders for fashion-mnist, fashion-mnist-sample, co2, xor,"
                        + " xor-bias, idx:DIR and images:DIR",
                e.getMessage());
    }

    @Test
    void namesAreChecked() {
        assertEquals(
                "--package 'com.example.1app': '1app' is not a Java identifier",
                assertThrows(InitException.class, () -> new Scaffold.Options("com.example.1app", "app"))
                        .getMessage());
        assertEquals(
                "--package 'com.example.new': 'new' is a Java keyword",
                assertThrows(InitException.class, () -> new Scaffold.Options("com.example.new", "app"))
                        .getMessage());
        assertEquals(
                "--package 'com..app': '' is not a Java identifier",
                assertThrows(InitException.class, () -> new Scaffold.Options("com..app", "app"))
                        .getMessage());
        assertEquals(
                "--package 'java.app': packages under java. are reserved for the JDK",
                assertThrows(InitException.class, () -> new Scaffold.Options("java.app", "app"))
                        .getMessage());
        assertEquals(
                "--name 'my app': expected a Maven artifactId (letters, digits, '-', '_' and '.'), e.g. my-app",
                assertThrows(InitException.class, () -> new Scaffold.Options("app", "my app"))
                        .getMessage());
        new Scaffold.Options("app", "My_App.2"); // fine: a one-part package, Maven's characters
    }

    /**
     * Every recipe's project, main and test sources, compiles against DL4J and JUnit (one javac run, one package
     * per recipe). Running them is {@code GeneratedProjectsBuildTest}'s job, for two of them.
     */
    @Test
    void everyRecipesProjectCompiles(@TempDir Path dir) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        List<String> written = new ArrayList<>();
        for (String name : REGISTRY.names()) {
            Recipe recipe = REGISTRY.get(name);
            if (Datasets.id(recipe.dataset()).kind().name().equals("csv") && !co2Available()) {
                continue;
            }
            String pkg = "gen." + name.replace('-', '_');
            Scaffold.Project p = project(recipe, new Scaffold.Options(pkg, name));
            p.files().forEach((path, bytes) -> {
                // the shim is one class of a fixed name: every project has the same, compiled here once
                boolean shimAgain = path.equals(Scaffold.SHIM) && !written.isEmpty();
                if (path.endsWith(".java") && !shimAgain) {
                    sources.put(name + "/" + path, new String(bytes, StandardCharsets.UTF_8));
                }
            });
            written.add(name);
        }
        assertTrue(written.size() >= 9, "written: " + written);
        Javac.compile(dir, sources);
    }

    /** The rendered network of the smallest recipe, in full: one call per line, constants named and documented. */
    @Test
    void theXorNetworkReadsLikeHandWrittenCode() throws IOException {
        String network = text(project("xor").files(), "src/main/java/com/example/app/Network.java");
        String body = network.substring(network.indexOf("public final class Network"));
        assertEquals(
                """
                public final class Network {
                    /** Seeds the weight initialisation (and the order of training examples in Main). */
                    public static final long SEED = 123;

                    /** Step size of Sgd. */
                    public static final double LEARNING_RATE = 0.1;

                    /** Examples per gradient step. */
                    public static final int BATCH_SIZE = 4;

                    /** Passes over the training set in Main. */
                    public static final int EPOCHS = 1000;

                    /** Input values of one example. */
                    public static final int FEATURES = 2;

                    /** Output units. */
                    public static final int OUTPUTS = 1;

                    private Network() {}

                    /** The configuration: common settings, then one layer per line, then the input type (nIn is inferred). */
                    public static MultiLayerConfiguration configuration() {
                        return new NeuralNetConfiguration.Builder()
                                .seed(SEED)
                                .weightInit(WeightInit.XAVIER)
                                .updater(new Sgd(LEARNING_RATE))
                                .list()
                                .layer(new DenseLayer.Builder()
                                        .name("dense1")
                                        .nOut(3)
                                        .activation(Activation.TANH)
                                        .build())
                                .layer(new OutputLayer.Builder(new LossBinaryXENT())
                                        .name("output")
                                        .nOut(OUTPUTS)
                                        .activation(Activation.SIGMOID)
                                        .build())
                                .setInputType(InputType.feedForward(FEATURES))
                                .build();
                    }

                    /** A network with freshly initialised parameters (seeded by SEED). */
                    public static MultiLayerNetwork build() {
                        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
                        net.init();
                        return net;
                    }
                }
                """,
                body);
        assertTrue(network.startsWith("package com.example.app;\n\nimport org.deeplearning4j.nn.conf."), network);
    }

    private static String text(Map<String, byte[]> files, String path) {
        return new String(files.get(path), StandardCharsets.UTF_8);
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static int[] header(byte[] gz, int ints) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(gunzip(gz)));
        int[] h = new int[ints];
        for (int i = 0; i < ints; i++) {
            h[i] = in.readInt();
        }
        return h;
    }

    private static Document xml(byte[] bytes) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    /** The version of a dependency or plugin, with ${properties} of the same pom resolved. */
    private static String version(Document pom, String tag, String artifactId) {
        Map<String, String> properties = new TreeMap<>();
        NodeList props = pom.getElementsByTagName("properties");
        if (props.getLength() > 0) {
            NodeList children = props.item(0).getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e) {
                    properties.put(e.getTagName(), e.getTextContent().trim());
                }
            }
        }
        NodeList nodes = pom.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (child(e, "artifactId").equals(artifactId)) {
                String v = child(e, "version");
                return v.startsWith("${") ? properties.get(v.substring(2, v.length() - 1)) : v;
            }
        }
        return "(no " + tag + " " + artifactId + ")";
    }

    private static String child(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
    }
}
