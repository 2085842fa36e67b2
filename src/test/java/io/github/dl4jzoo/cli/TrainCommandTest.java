package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jzoo.data.DataFile;
import io.github.dl4jzoo.data.Idx;
import io.github.dl4jzoo.data.Subset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoo train}, {@code evaluate} and {@code predict} on a small real sample: 600 training and 200 test
 * images of Fashion-MNIST taken from the embedded sample, and a small MLP, so each run takes seconds.
 */
class TrainCommandTest {
    static final Path SAMPLE = Path.of("src/main/resources/io/github/dl4jzoo/data/fashion-mnist-sample");
    private static final ObjectMapper JSON = new ObjectMapper();
    static Path tiny;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tinySample() {
        tiny = shared.resolve("tiny");
        Subset.write(SAMPLE, 600, 200, 7, tiny);
    }

    /** A small, quick MLP on the tiny sample. */
    static List<String> small(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "mlp", "--data", tiny.toString(), "--set", "arch.hidden=[32]", "--batch", "50", "--verbose", "0"));
        args.addAll(List.of(more));
        return args;
    }

    static CliRun train(List<String> args) {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(args);
        return CliRun.of(all.toArray(String[]::new));
    }

    static JsonNode state(Path run) throws IOException {
        return JSON.readTree(run.resolve("state.json").toFile());
    }

    @Test
    void trainingLowersTheLossAndBeatsChance() throws IOException {
        Path run = tmp.resolve("run");
        CliRun r = train(small("--epochs", "2", "--out", run.toString()));
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile(
                        "mlp: test accuracy (0\\.\\d{4}) after 2 epochs \\(epochs\\), \\d+\\.\\d s training; run folder "
                                + Pattern.quote(run.toString()) + "\n")
                .matcher(r.out());
        assertTrue(m.matches(), r.out());
        // 600 images, 2 epochs of 12 batches: 0.59 measured; chance is 0.1.
        assertTrue(Double.parseDouble(m.group(1)) > 0.5, "10 classes: chance is 0.1, got " + m.group(1));
        JsonNode history = state(run).get("history");
        assertTrue(
                history.get(1).get("trainLoss").asDouble()
                        < history.get(0).get("trainLoss").asDouble(),
                history.toString());
        for (String f : List.of("recipe.yaml", "model.zip", "env.json", "classes.txt")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertTrue(Files.readString(run.resolve("recipe.yaml")).contains("epochs: 2\n"));

        CliRun eval = CliRun.of("evaluate", run.toString(), "--data", tiny.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("accuracy " + m.group(1) + "  macro precision"), eval.out());
        assertTrue(eval.out().contains("\nCLASS        PRECISION  RECALL      F1  SUPPORT\nT-shirt/top"), eval.out());

        CliRun predict = CliRun.of(
                "predict",
                run.toString(),
                "--input",
                tiny.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--limit",
                "2",
                "--top",
                "2");
        assertEquals(0, predict.code(), predict.err());
        assertTrue(
                predict.out()
                        .matches(
                                "image 0: [^,]+ 0\\.\\d{4}, [^,]+ 0\\.\\d{4}\nimage 1: [^,]+ 0\\.\\d{4}, [^,]+ 0\\.\\d{4}\n"),
                predict.out());
    }

    @Test
    void aPictureIsClassifiedAndAForecasterPredictsTheNextMonth() throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, train(small("--epochs", "1", "--out", run.toString())).code());
        // the first test image of the tiny sample, as a 28x28 grey PNG
        byte[] pixels = io.github.dl4jzoo.data.Idx.readImages(
                        io.github.dl4jzoo.data.DataFile.of(tiny.resolve("t10k-images-idx3-ubyte.gz")))
                .pixels();
        // RGB, not TYPE_BYTE_GRAY: Java's grey images are linear, and sRGB values would be converted on the way
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 28 * 28; i++) {
            int g = pixels[i] & 0xff;
            img.setRGB(i % 28, i / 28, (g << 16) | (g << 8) | g);
        }
        Path png = tmp.resolve("item.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        CliRun picture = CliRun.of("predict", run.toString(), "--input", png.toString(), "--top", "1");
        CliRun idx = CliRun.of(
                "predict",
                run.toString(),
                "--input",
                tiny.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--limit",
                "1",
                "--top",
                "1");
        assertEquals(0, picture.code(), picture.err());
        assertEquals(
                idx.out().replace("image 0", "item.png"), picture.out(), "the PNG is read as the IDX image it was");

        Path co2 = tmp.resolve("co2");
        assertEquals(
                0,
                train(List.of("mlp-forecast", "--epochs", "20", "--verbose", "0", "--out", co2.toString()))
                        .code());
        Path csv = Path.of("src/main/resources/io/github/dl4jzoo/data/co2/co2-concentration.csv");
        CliRun forecast = CliRun.of("predict", co2.toString(), "--input", csv.toString());
        assertEquals(0, forecast.code(), forecast.err());
        Matcher m = Pattern.compile("CO2 1 step after 2020-04-01: (\\d+\\.\\d{4})\n")
                .matcher(forecast.out());
        assertTrue(m.matches(), forecast.out());
        double ppm = Double.parseDouble(m.group(1));
        assertTrue(ppm > 405 && ppm < 425, "May 2020 was 417.1 ppm; got " + ppm);
    }

    @Test
    void theSameSeedGivesTheSameModel() throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        assertEquals(0, train(small("--epochs", "1", "--out", a.toString())).code());
        assertEquals(0, train(small("--epochs", "1", "--out", b.toString())).code());
        assertArrayEquals(params(a), params(b));
        assertEquals(
                state(a).get("history").get(0).get("trainLoss"),
                state(b).get("history").get(0).get("trainLoss"));
    }

    /** Killed with SIGKILL after its first checkpoint, resumed, the run ends exactly where an uninterrupted one does. */
    @Test
    void aKilledRunResumesToTheSameModel() throws Exception {
        Path whole = tmp.resolve("whole"), killed = tmp.resolve("killed");
        List<String> args = small("--epochs", "3", "--checkpoint-every", "0.3s");
        List<String> w = new ArrayList<>(args);
        w.addAll(List.of("--out", whole.toString()));
        assertEquals(0, train(w).code());

        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Zoo.class.getName(),
                "train"));
        cmd.addAll(args);
        cmd.addAll(List.of("--out", killed.toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!hasTrainedCheckpoint(killed) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the run ended before it could be killed: " + Files.readString(tmp.resolve("log")));
        p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no chance to tidy up
        assertTrue(state(killed).path("stopReason").isNull(), "killed mid-run");

        // Without the --data it started with, the run would go on on the embedded sample: refused, nothing touched.
        String stateBefore = Files.readString(killed.resolve("state.json"));
        String recipeBefore = Files.readString(killed.resolve("recipe.yaml"));
        CliRun other = CliRun.of("train", "--resume", killed.toString(), "--epochs", "4", "--verbose", "0");
        assertEquals(2, other.code(), other.out() + other.err());
        assertEquals(
                "zoo: " + tiny.resolve("train-images-idx3-ubyte.gz") + ": the run read this file (SHA-256 "
                        + sha256(tiny.resolve("train-images-idx3-ubyte.gz")).substring(0, 12)
                        + "...), but it is not read now; resume with the --data the run was started with\n",
                other.err());
        assertEquals(stateBefore, Files.readString(killed.resolve("state.json")));
        assertEquals(recipeBefore, Files.readString(killed.resolve("recipe.yaml")));

        CliRun resumed = CliRun.of("train", "--resume", killed.toString(), "--data", tiny.toString(), "--verbose", "0");
        assertEquals(0, resumed.code(), resumed.err());
        assertArrayEquals(params(whole), params(killed));
        assertEquals(
                state(whole).get("history").toString().replaceAll("\"(samplesPerSecond|seconds)\":[^,}]+", ""),
                state(killed).get("history").toString().replaceAll("\"(samplesPerSecond|seconds)\":[^,}]+", ""));

        CliRun again = CliRun.of("train", "--resume", killed.toString(), "--data", tiny.toString());
        assertEquals(2, again.code());
        assertEquals(
                "zoo: " + killed + ": the run is finished (epochs after 3 epochs); evaluate it with zoo evaluate,"
                        + " or train a new one\n",
                again.err());
    }

    private static boolean hasTrainedCheckpoint(Path run) {
        try {
            return Files.exists(run.resolve("state.json"))
                    && !state(run).path("checkpoint").asText().equals("checkpoint-0-0.zip");
        } catch (IOException e) {
            return false; // being replaced right now
        }
    }

    static float[] params(Path run) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(run.resolve("model.zip").toFile(), false)
                .params()
                .toFloatVector();
    }

    /** The model zip is plain DL4J: a program with DL4J on its class path and none of ours loads and runs it. */
    @Test
    void aPlainDl4jProgramLoadsTheModel() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, train(small("--epochs", "1", "--out", run.toString())).code());
        String dl4jOnly = java.util.Arrays.stream(
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                                .split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("target" + java.io.File.separator))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        Process p = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        dl4jOnly,
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "src/test/resources/plain/PlainLoad.java",
                        run.resolve("model.zip").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        var net = ModelSerializer.restoreMultiLayerNetwork(
                run.resolve("model.zip").toFile(), false);
        float[] expected = net.output(
                        org.nd4j.linalg.factory.Nd4j.linspace(0, 1, 784).reshape(1, 784))
                .toFloatVector();
        assertEquals(
                net.numParams() + " " + java.util.Arrays.toString(expected),
                out.lines().reduce((a, b) -> b).orElse(""));
    }

    /**
     * The preprocessing travels in the zip: a plain DL4J program restores the fitted standardisation from it
     * and gets zoo predict's probabilities for the same picture.
     */
    @Test
    void aPlainDl4jProgramReproducesPredictWithTheNormaliserInTheZip() throws Exception {
        Path run = tmp.resolve("standardised");
        assertEquals(
                0,
                train(small("--epochs", "1", "--set", "data.standardize=true", "--out", run.toString()))
                        .code());
        Idx.Images images = Idx.readImages(DataFile.of(tiny.resolve("t10k-images-idx3-ubyte.gz")));
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 28 * 28; i++) {
            img.getRaster().setSample(i % 28, i / 28, 0, images.pixels()[i] & 0xff);
        }
        Path png = tmp.resolve("first.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());

        CliRun zoo = CliRun.of("predict", run.toString(), "--input", png.toString(), "--top", "10");
        assertEquals(0, zoo.code(), zoo.err());
        java.util.Map<String, String> predicted = new java.util.TreeMap<>();
        for (String pair : zoo.out().trim().replaceFirst("^first\\.png: ", "").split(", ")) {
            predicted.put(pair.substring(0, pair.lastIndexOf(' ')), pair.substring(pair.lastIndexOf(' ') + 1));
        }
        java.util.Map<String, String> plain = new java.util.TreeMap<>();
        for (String line : plainJava("src/test/resources/plain/PlainPredict.java", run.resolve("model.zip"), png)
                .lines()
                .filter(l -> l.matches(".+ [01]\\.\\d{4}"))
                .toList()) {
            plain.put(line.substring(0, line.lastIndexOf(' ')), line.substring(line.lastIndexOf(' ') + 1));
        }
        assertEquals(10, predicted.size(), zoo.out());
        assertEquals(predicted, plain);
        var norm = ModelSerializer.restoreNormalizerFromFile(
                run.resolve("model.zip").toFile());
        assertTrue(
                norm instanceof org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize, String.valueOf(norm));
    }

    /** Runs a single-file Java program with DL4J on its class path and none of the zoo's classes. */
    static String plainJava(String source, Path... args) throws Exception {
        String dl4jOnly = java.util.Arrays.stream(
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                                .split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("target" + java.io.File.separator))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                dl4jOnly,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                source));
        for (Path a : args) {
            cmd.add(a.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void aDivergingRunStopsAndKeepsItsLastGoodCheckpoint() throws IOException {
        Path run = tmp.resolve("run");
        CliRun r = train(small("--epochs", "2", "--out", run.toString(), "--set", "updater={type: sgd, lr: 1.0e12}"));
        assertEquals(TrainCommand.DIVERGED, r.code(), r.out() + r.err());
        Matcher m = Pattern.compile(
                        "mlp: test accuracy 0\\.\\d{4} after 0 epochs \\(diverged at epoch 1, iteration (\\d+): the loss"
                                + " is (NaN|Infinity); kept checkpoint-0-0\\.zip\\), \\d+\\.\\d s training; run folder .*\n")
                .matcher(r.out());
        assertTrue(m.matches(), r.out());
        assertTrue(Files.isRegularFile(run.resolve("checkpoint-0-0.zip")), "the last good checkpoint is kept");
        assertTrue(state(run).get("stopReason").asText().startsWith("diverged at epoch 1, iteration " + m.group(1)));
    }

    /**
     * Adam at lr 1e6 never gives NaN: the loss sits at about 20 against the untrained network's 2.3 while
     * accuracy falls to chance. The run stops after the first epoch and keeps the untrained checkpoint.
     */
    @Test
    void aRunThatBlowsUpWithoutNaNStopsAndKeepsItsLastGoodCheckpoint() throws IOException {
        Path run = tmp.resolve("run");
        CliRun r = train(small("--epochs", "3", "--out", run.toString(), "--set", "updater.lr=1e6"));
        assertEquals(TrainCommand.DIVERGED, r.code(), r.out() + r.err());
        Matcher m = Pattern.compile("mlp: test accuracy 0\\.\\d{4} after 0 epochs \\(diverged at epoch 1: the mean"
                        + " training loss (\\S+) is over 5 times the untrained network's (\\S+); kept"
                        + " checkpoint-0-0\\.zip\\), \\d+\\.\\d s training; run folder .*\n")
                .matcher(r.out());
        assertTrue(m.matches(), r.out());
        double untrained = Double.parseDouble(m.group(2));
        assertTrue(Math.abs(untrained - Math.log(10)) < 0.5, "10 classes, untrained: about ln 10, got " + untrained);
        assertTrue(Double.parseDouble(m.group(1)) > 5 * untrained);
        assertArrayEquals(
                ModelSerializer.restoreMultiLayerNetwork(
                                run.resolve("checkpoint-0-0.zip").toFile(), false)
                        .params()
                        .toFloatVector(),
                params(run),
                "model.zip is the last good checkpoint");
    }

    @Test
    void anExistingOutputFolderIsRefusedAndKept() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliRun r = train(small("--out", out.toString(), "--overwrite"));
        assertEquals(2, r.code());
        assertEquals(
                "zoo: " + out + ": the output folder exists and the zoo did not write it (no .dl4jzoo in it), so it is"
                        + " left as it is; choose another --out\n",
                r.err());
        assertEquals(List.of(out.resolve("notes.txt")), Files.list(out).toList());

        Path run = tmp.resolve("run");
        assertEquals(0, train(small("--epochs", "1", "--out", run.toString())).code());
        r = train(small("--epochs", "1", "--out", run.toString()));
        assertEquals(2, r.code());
        assertEquals("zoo: " + run + ": the output folder exists; choose another --out or add --overwrite\n", r.err());
    }

    /** An engine switch the zoo cannot honour is refused before anything is written, not read as its default. */
    @Test
    void aBadEngineSwitchIsRefusedAndNothingIsWritten() {
        Path out = tmp.resolve("switch");
        System.setProperty("dl4jzoo.convThreads", "3");
        try {
            CliRun r = CliRun.of("train", "xor", "--epochs", "1", "--verbose", "0", "--out", out.toString());
            assertEquals(2, r.code());
            assertEquals("zoo: -Ddl4jzoo.convThreads=3: expected 1 or 2\n", r.err());
            assertFalse(Files.exists(out));
        } finally {
            System.clearProperty("dl4jzoo.convThreads");
        }
    }

    /**
     * --data on the embedded dataset's recipe is read (it used to be ignored), the run records each file with its
     * SHA-256, and evaluate scores on exactly those files: the run's own test accuracy on its 200 test images.
     */
    @Test
    void aRunRecordsWhatItReadAndEvaluateUsesExactlyThat() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        for (Path f : Files.list(tiny).toList()) {
            Files.copy(f, data.resolve(f.getFileName()));
        }
        Path run = tmp.resolve("run");
        CliRun r = train(List.of(
                "mlp",
                "--data",
                data.toString(),
                "--set",
                "arch.hidden=[32]",
                "--epochs",
                "1",
                "--verbose",
                "0",
                "--out",
                run.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode metrics = JSON.readTree(run.resolve("metrics.json").toFile());
        JsonNode read = metrics.get("data");
        assertEquals(4, read.size(), read.toString());
        for (JsonNode f : read) {
            Path file = Path.of(f.get("file").asText());
            assertEquals(data, file.getParent());
            assertEquals(sha256(file), f.get("sha256").asText());
        }
        assertEquals(200, sum(metrics.at("/test/confusion")), "the 200 test images of --data, not the sample's 1,000");

        CliRun eval = CliRun.of("evaluate", run.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(
                eval.out()
                        .contains(String.format(
                                java.util.Locale.ROOT,
                                "accuracy %.4f ",
                                metrics.at("/test/accuracy").asDouble())),
                eval.out());

        Path labels = data.resolve("t10k-labels-idx1-ubyte.gz");
        Subset.write(SAMPLE, 600, 200, 8, tmp.resolve("other"));
        Files.copy(
                tmp.resolve("other/t10k-labels-idx1-ubyte.gz"),
                labels,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        eval = CliRun.of("evaluate", run.toString());
        assertEquals(2, eval.code());
        assertTrue(eval.err().startsWith("zoo: " + labels + ": the run read this file (SHA-256 "), eval.err());
        assertTrue(eval.err().endsWith("but it has changed since; evaluate with --data to score on other data\n"));
    }

    static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long sum(JsonNode matrix) {
        long n = 0;
        for (JsonNode row : matrix) {
            for (JsonNode v : row) {
                n += v.asLong();
            }
        }
        return n;
    }

    @Test
    void badRunFoldersAndModelsAreNamed() throws IOException {
        CliRun r = CliRun.of("evaluate", tmp.toString());
        assertEquals(2, r.code());
        assertEquals("zoo: " + tmp + ": not a run folder (expected recipe.yaml in it, as zoo train writes)\n", r.err());

        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.copy(Path.of("models/mlp.yaml"), run.resolve("recipe.yaml"));
        Files.writeString(run.resolve("model.zip"), "not a zip");
        r = CliRun.of("evaluate", run.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("zoo: " + run.resolve("model.zip") + ": not a DL4J model zip ("), r.err());

        CliRun small =
                train(small("--epochs", "1", "--out", tmp.resolve("small").toString()));
        assertEquals(0, small.code(), small.err());
        Files.copy(
                tmp.resolve("small/model.zip"),
                run.resolve("model.zip"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        r = CliRun.of("evaluate", run.toString());
        assertEquals(2, r.code());
        assertEquals(
                "zoo: " + run.resolve("model.zip")
                        + ": expected the network of recipe mlp (3 layers, 235146 parameters),"
                        + " got 2 layers, 25450 parameters\n",
                r.err());

        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        Path png = tmp.resolve("big.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        r = CliRun.of("predict", tmp.resolve("small").toString(), "--input", png.toString());
        assertEquals(2, r.code());
        assertEquals("zoo: " + png + ": expected a 28x28 picture (width x height), got 32x32\n", r.err());
    }
}
