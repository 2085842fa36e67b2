package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.data.DataFile;
import io.github.dl4jzoo.data.Idx;
import io.github.dl4jzoo.train.ModelCard;
import io.github.dl4jzoo.train.Published;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoo publish}, then the weights used by name: evaluate equals the card, predict, list, show, the
 * SHA-256 check, and fine-tuning. Published here in a folder of recipes of the test's own, from the embedded
 * sample (so it takes seconds): mlp for 2 epochs on the sample's 6,000 training images, lstm-forecast for 3
 * epochs on CO2.
 */
class PublishedWeightsTest {
    @TempDir
    static Path dir;

    static Path models;
    static CliRun mlp, lstm;

    @BeforeAll
    static void publish() throws IOException {
        models = Files.createDirectories(dir.resolve("models"));
        for (String r : List.of("mlp", "lstm-forecast", "lenet5")) {
            Files.copy(Path.of("models", r + ".yaml"), models.resolve(r + ".yaml"));
        }
        mlp = zoo("publish", "mlp", "--set", "dataset=fashion-mnist-sample", "--epochs", "2", "--verbose", "0");
        lstm = zoo("publish", "lstm-forecast", "--epochs", "3", "--verbose", "0");
    }

    static CliRun zoo(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--models";
        all[1] = models.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.of(all);
    }

    static ModelCard card(String name) {
        return ModelCard.read(Published.in(models, name).card());
    }

    @Test
    void publishWritesTheWeightsAndACardThatDescribesThem() throws IOException {
        assertEquals(0, mlp.code(), mlp.err());
        ModelCard c = card("mlp");
        Path zip = Published.in(models, "mlp").zip();
        assertEquals(
                "mlp: accuracy "
                        + String.format(Locale.ROOT, "%.4f", c.metrics().accuracy())
                        + " on the fashion-mnist-sample test split; " + Published.shown(zip) + " ("
                        + String.format(Locale.ROOT, "%,d", Files.size(zip)) + " bytes, SHA-256 "
                        + Published.sha256(zip) + "), card "
                        + Published.shown(Published.in(models, "mlp").card())
                        + "\n",
                mlp.out().lines().reduce((a, b) -> b).orElse("") + "\n");
        assertEquals("fashion-mnist-sample", c.dataset().id());
        assertEquals(4, c.dataset().files().size());
        assertEquals(1000, c.metrics().examples());
        assertTrue(c.metrics().accuracy() > 0.7, "2 epochs of mlp on 6,000 images: " + c.metrics());
        assertEquals(235_146, c.parameters());
        assertEquals(2, c.training().epochs());
        assertTrue(
                c.command().endsWith("publish mlp --set dataset=fashion-mnist-sample --epochs 2 --verbose 0"),
                c.command());
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        assertEquals(c.parameters(), net.numParams());
        assertEquals(
                List.of(
                        "T-shirt/top",
                        "Trouser",
                        "Pullover",
                        "Dress",
                        "Coat",
                        "Sandal",
                        "Shirt",
                        "Sneaker",
                        "Bag",
                        "Ankle boot"),
                Arrays.asList((String[]) ModelSerializer.getObjectFromFile(zip.toFile(), "dl4jzoo.classes")));
        assertArrayEquals(new long[] {784}, ModelSerializer.getObjectFromFile(zip.toFile(), "dl4jzoo.inputShape"));
        assertTrue(ModelSerializer.restoreNormalizerFromFile(zip.toFile()) != null, "the pixel scaling is inside");
    }

    /** What zoo evaluate NAME prints is exactly what the card records. */
    @Test
    void evaluateByNameEqualsTheCard() {
        ModelCard c = card("mlp");
        CliRun r = zoo("evaluate", "mlp");
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out()
                        .contains(String.format(
                                        Locale.ROOT,
                                        "accuracy %.4f ",
                                        c.metrics().accuracy()) + " macro precision "),
                r.out());
        assertTrue(
                r.out()
                        .contains(String.format(
                                Locale.ROOT, "macro F1 %.4f%n", c.metrics().macroF1())),
                r.out());

        assertEquals(0, lstm.code(), lstm.err());
        ModelCard f = card("lstm-forecast");
        r = zoo("evaluate", "lstm-forecast");
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("RMSE (\\S+)  MAE (\\S+)  R2").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(String.format(Locale.ROOT, "%.6f", f.metrics().rmse()), m.group(1));
        assertEquals(String.format(Locale.ROOT, "%.6f", f.metrics().mae()), m.group(2));
        assertEquals(24, f.metrics().examples());
    }

    @Test
    void predictByNameNamesTheClasses() throws IOException {
        Path idx = TrainCommandTest.SAMPLE.resolve("t10k-images-idx3-ubyte.gz");
        CliRun r = zoo("predict", "mlp", "--input", idx.toString(), "--limit", "2", "--top", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("image 0: [A-Za-z /-]+ 0\\.\\d{4}\nimage 1: [A-Za-z /-]+ 0\\.\\d{4}\n"), r.out());
        CliRun f = zoo(
                "predict",
                "lstm-forecast",
                "--input",
                "src/main/resources/io/github/dl4jzoo/data/co2/co2-concentration.csv");
        assertEquals(0, f.code(), f.err());
        assertTrue(f.out().matches("CO2 1 step after 2020-04-01: 4\\d\\d\\.\\d{4}\n"), f.out());
    }

    @Test
    void listAndShowReadTheCard() {
        CliRun r = zoo("list");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).endsWith("PARAMS  PUBLISHED WEIGHTS"), lines.get(0));
        assertTrue(lines.get(1).startsWith("lenet5 ") && lines.get(1).endsWith("431,080  -"), lines.get(1));
        assertTrue(lines.get(2).endsWith(card("lstm-forecast").headline()), lines.get(2));
        assertTrue(lines.get(3).endsWith(card("mlp").headline()), lines.get(3));

        CliRun s = zoo("show", "mlp");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().endsWith(card("mlp").toJson()), s.out());
        assertTrue(zoo("show", "lenet5").out().endsWith("published weights: none (zoo publish lenet5 makes them)\n"));
    }

    @Test
    void aRecipeWithoutWeightsSaysHowToMakeThem() {
        for (String command : List.of("evaluate", "predict", "finetune")) {
            List<String> args = command.equals("predict")
                    ? List.of(command, "lenet5", "--input", "x.png")
                    : List.of(command, "lenet5");
            CliRun r = zoo(args.toArray(String[]::new));
            assertEquals(2, r.code(), command);
            assertEquals(
                    "zoo: lenet5: no published weights ("
                            + Published.shown(Published.in(models, "lenet5").card())
                            + " is missing); zoo publish lenet5 makes them\n",
                    r.err(),
                    command);
        }
    }

    @Test
    void aTamperedWeightsFileIsRefusedBeforeLoading() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("tampered/weights"));
        Published original = Published.in(models, "mlp");
        Files.copy(original.card(), copy.resolve("mlp.json"));
        byte[] zip = Files.readAllBytes(original.zip());
        zip[zip.length / 2] ^= 1;
        Files.write(copy.resolve("mlp.zip"), zip);
        Files.copy(Path.of("models/mlp.yaml"), copy.getParent().resolve("mlp.yaml"));
        CliRun r = CliRun.of("--models", copy.getParent().toString(), "predict", "mlp", "--input", "x.png");
        assertEquals(2, r.code());
        assertEquals(
                "zoo: " + Published.shown(copy.resolve("mlp.zip")) + ": SHA-256 mismatch, expected "
                        + card("mlp").weights().sha256() + ", got " + Published.sha256(copy.resolve("mlp.zip"))
                        + "\n",
                r.err());
    }

    /**
     * A small labelled set the published mlp never saw (600 of the sample's test images, under numbered labels,
     * so the output layer is replaced): fine-tuning with the hidden layers frozen beats training from scratch,
     * same epochs, batches and learning rate, on the other 400 (the test prints both accuracies).
     */
    @Test
    void fineTuningASmallSampleBeatsTrainingFromScratch() throws IOException {
        Path small = smallUnseenSample();
        List<String> budget = List.of("--epochs", "3", "--batch", "32", "--set", "updater.lr=0.01", "--verbose", "0");
        CliRun tuned = zoo(concat(
                List.of(
                        "finetune",
                        "mlp",
                        "--set",
                        "dataset=idx:" + small,
                        "--freeze",
                        "2",
                        "--out",
                        dir.resolve("tuned").toString()),
                budget));
        assertEquals(0, tuned.code(), tuned.err());
        CliRun scratch = zoo(concat(
                List.of(
                        "train",
                        "mlp",
                        "--set",
                        "dataset=idx:" + small,
                        "--out",
                        dir.resolve("scratch").toString()),
                budget));
        assertEquals(0, scratch.code(), scratch.err());
        double a = accuracy(tuned.out()), b = accuracy(scratch.out());
        System.out.printf(Locale.ROOT, "fine-tuned %.4f, from scratch %.4f%n", a, b); // the README's figures
        assertTrue(a > b + 0.05, "fine-tuned " + a + ", from scratch " + b);
        assertEquals(
                Published.shown(Published.in(models, "mlp").zip()) + " SHA-256 "
                        + card("mlp").weights().sha256()
                        + "\noutput layer: replaced (classes [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])\nfrozen layers: 2\n",
                Files.readString(dir.resolve("tuned/finetuned-from.txt")));

        // Frozen means frozen in DL4J's own parameters: the first two layers are the published ones.
        MultiLayerNetwork base = ModelSerializer.restoreMultiLayerNetwork(
                Published.in(models, "mlp").zip().toFile(), false);
        MultiLayerNetwork after = ModelSerializer.restoreMultiLayerNetwork(
                dir.resolve("tuned/model.zip").toFile(), false);
        for (int layer = 0; layer < 2; layer++) {
            assertEquals(base.getLayer(layer).params(), after.getLayer(layer).params(), "layer " + layer);
        }
        assertNotEquals(base.getLayer(2).params(), after.getLayer(2).params());
    }

    @Test
    void fineTuningOntoAnotherInputShapeIsRefused() throws IOException {
        Path big = dir.resolve("big");
        byte[] pixels = new byte[20 * 32 * 32];
        byte[] labels = new byte[20];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 2);
        }
        Idx.writeImages(big.resolve("train-images-idx3-ubyte.gz"), 32, 32, pixels);
        Idx.writeLabels(big.resolve("train-labels-idx1-ubyte.gz"), labels);
        Idx.writeImages(big.resolve("t10k-images-idx3-ubyte.gz"), 32, 32, pixels);
        Idx.writeLabels(big.resolve("t10k-labels-idx1-ubyte.gz"), labels);
        CliRun r = zoo("finetune", "mlp", "--set", "dataset=idx:" + big, "--epochs", "1");
        assertEquals(2, r.code());
        assertEquals(
                "zoo: " + big.resolve("train-images-idx3-ubyte.gz") + ": offset 8: expected 28x28 images, got 32x32\n",
                r.err());
    }

    /** 600 training and 400 test images from the sample's test split, which the published mlp never trained on. */
    static Path smallUnseenSample() {
        Path out = dir.resolve("unseen");
        if (Files.isDirectory(out)) {
            return out;
        }
        Idx.Images images = Idx.readImages(DataFile.of(TrainCommandTest.SAMPLE.resolve("t10k-images-idx3-ubyte.gz")));
        Idx.Labels labels = Idx.readLabels(DataFile.of(TrainCommandTest.SAMPLE.resolve("t10k-labels-idx1-ubyte.gz")));
        int train = 600, px = 28 * 28;
        Idx.writeImages(
                out.resolve("train-images-idx3-ubyte.gz"), 28, 28, Arrays.copyOfRange(images.pixels(), 0, train * px));
        Idx.writeLabels(out.resolve("train-labels-idx1-ubyte.gz"), Arrays.copyOfRange(labels.labels(), 0, train));
        Idx.writeImages(
                out.resolve("t10k-images-idx3-ubyte.gz"),
                28,
                28,
                Arrays.copyOfRange(images.pixels(), train * px, images.pixels().length));
        Idx.writeLabels(
                out.resolve("t10k-labels-idx1-ubyte.gz"),
                Arrays.copyOfRange(labels.labels(), train, labels.labels().length));
        return out;
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }

    private static double accuracy(String out) {
        Matcher m = Pattern.compile("test accuracy (0\\.\\d{4})").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }
}
