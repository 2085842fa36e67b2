package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.data.Subset;
import io.github.dl4jzoo.init.Javac;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A family the zoo does not name anywhere ({@code example.family.BatchNormMlp}, test sources only, found through
 * the test class path's service file) and its recipe ({@code src/test/resources/families/bn-mlp.yaml}) go
 * through list, show, train, bench and init like the zoo's own.
 */
class TestOnlyFamilyTest {
    static final String MODELS = "src/test/resources/families";

    // by hand: dense 784x128 + 128, batch norm 4 x 128; dense 128x64 + 64, batch norm 4 x 64; output 64x10 + 10
    static final long PARAMS = 784 * 128 + 128 + 4 * 128 + 128 * 64 + 64 + 4 * 64 + 64 * 10 + 10; // 110,154
    static final long FLOPS = 2L * (784 * 128 + 128 * 64 + 64 * 10); // 218,368: batch norm is not counted

    @TempDir
    Path tmp;

    @Test
    void listAndShow() {
        CliRun r = CliRun.of("list", "--models", MODELS);
        assertEquals(0, r.code(), r.err());
        assertEquals(
                """
                NAME    FAMILY  TASK            DATASET                PARAMS  PUBLISHED WEIGHTS
                bn-mlp  bn-mlp  classification  fashion-mnist-sample  110,154  -
                """,
                r.out());
        r = CliRun.of("show", "bn-mlp", "--models", MODELS);
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out()
                        .endsWith(
                                """
                        LAYER   TYPE                INPUT  OUTPUT   PARAMS
                        dense1  DenseLayer          784    128     100,480
                        bn1     BatchNormalization  128    128         512
                        act1    ActivationLayer     128    128           0
                        dense2  DenseLayer          128    64        8,256
                        bn2     BatchNormalization  64     64          256
                        act2    ActivationLayer     64     64            0
                        output  OutputLayer         64     10          650
                        total parameters: 110,154

                        published weights: none (zoo publish bn-mlp makes them)
                        """),
                r.out());
        assertEquals(PARAMS, Registry.load(Path.of(MODELS)).get("bn-mlp").parameterCount());
    }

    @Test
    void trainLearnsAndSavesTheFamilysLayers() throws Exception {
        Path tiny = tmp.resolve("tiny");
        Subset.write(TrainCommandTest.SAMPLE, 600, 200, 7, tiny);
        Path run = tmp.resolve("run");
        CliRun r = CliRun.of(
                "train",
                "bn-mlp",
                "--models",
                MODELS,
                "--data",
                tiny.toString(),
                "--epochs",
                "3",
                "--verbose",
                "0",
                "--out",
                run.toString());
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("bn-mlp: test accuracy (0\\.\\d{4}) after 3 epochs .*\n")
                .matcher(r.out());
        assertTrue(m.matches(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) > 0.6, "10 classes: chance is 0.1, got " + m.group(1));
        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(
                run.resolve("model.zip").toFile(), false);
        assertEquals(PARAMS, saved.numParams());
        assertTrue(saved.getLayer("bn1").conf().getLayer() instanceof BatchNormalization);
    }

    @Test
    void benchCountsTheFamilysFlops() {
        CliRun r = CliRun.of(
                "bench",
                "bn-mlp",
                "--models",
                MODELS,
                "--synthetic",
                "--warmup",
                "2",
                "--iters",
                "3",
                "--format",
                "csv",
                "--no-save");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().filter(l -> !l.startsWith("#")).toList();
        String[] row = lines.get(1).split(",");
        assertEquals(List.of("bn-mlp", Long.toString(PARAMS), "64"), List.of(row[0], row[1], row[2]));
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", FLOPS / 1e6), row[10]); // 0.2184
        assertTrue(Double.parseDouble(row[3]) > 0, "samples/s measured");
    }

    @Test
    void initWritesBuilderCodeThatBuildsTheSameNetwork() throws Exception {
        Path project = tmp.resolve("project");
        CliRun r = CliRun.of("init", project.toString(), "--recipe", "bn-mlp", "--models", MODELS);
        assertEquals(0, r.code(), r.err());
        Path network = project.resolve("src/main/java/com/example/app/Network.java");
        String source = Files.readString(network);
        assertTrue(source.contains("new BatchNormalization.Builder()"), source);
        ClassLoader compiled = Javac.compile(tmp.resolve("javac"), Map.of("com/example/app/Network.java", source));
        MultiLayerConfiguration generated = (MultiLayerConfiguration) compiled.loadClass("com.example.app.Network")
                .getMethod("configuration")
                .invoke(null);
        Recipe recipe = Registry.load(Path.of(MODELS)).get("bn-mlp");
        assertEquals(Networks.configuration(recipe).toJson(), generated.toJson());
    }
}
