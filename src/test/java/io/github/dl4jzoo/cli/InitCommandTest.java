package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.data.Stripes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo init}: exact output, the files it writes, and the refusals (one line, exit 2, nothing written). */
class InitCommandTest {
    @TempDir
    Path tmp;

    @Test
    void initPrintsWhatItWroteAndWhatToRunNext() throws IOException {
        Path dir = tmp.resolve("fashion");
        CliRun r = CliRun.of("init", dir.toString(), "--recipe", "lenet5", "--package", "org.acme.fashion");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(
                """
                wrote DIR: recipe lenet5 as a standalone DL4J project (package org.acme.fashion, artifact lenet5)
                  ./                                      pom.xml  .gitignore  README.md
                  .mvn/                                   maven.config
                  models/                                 lenet5.yaml
                  src/main/java/org/acme/fashion/         Main.java  Network.java  Layout.java  Idx.java  ImageIterator.java  Engine.java
                  src/main/java/org/nd4j/nativeblas/      Nd4jCpu.java
                  src/main/resources/                     simplelogger.properties
                  src/test/java/org/acme/fashion/         NetworkTest.java  EngineTest.java
                  src/test/resources/fashion-mnist-tiny/  200 training and 100 test images (IDX, gzipped), README, LICENSE
                next:
                  cd DIR
                  mvn -q test                                                # build, then run NetworkTest: one short epoch
                  mvn -q package -DskipTests && java -jar target/lenet5.jar  # train on /usr/share/datasets/fashion-mnist
                """
                        .replace("DIR", dir.toString()),
                r.out());
        assertEquals(
                List.of(
                        ".gitignore",
                        ".mvn/maven.config",
                        "README.md",
                        "models/lenet5.yaml",
                        "pom.xml",
                        "src/main/java/org/acme/fashion/Engine.java",
                        "src/main/java/org/acme/fashion/Idx.java",
                        "src/main/java/org/acme/fashion/ImageIterator.java",
                        "src/main/java/org/acme/fashion/Layout.java",
                        "src/main/java/org/acme/fashion/Main.java",
                        "src/main/java/org/acme/fashion/Network.java",
                        "src/main/java/org/nd4j/nativeblas/Nd4jCpu.java",
                        "src/main/resources/simplelogger.properties",
                        "src/test/java/org/acme/fashion/EngineTest.java",
                        "src/test/java/org/acme/fashion/NetworkTest.java",
                        "src/test/resources/fashion-mnist-tiny/LICENSE",
                        "src/test/resources/fashion-mnist-tiny/README",
                        "src/test/resources/fashion-mnist-tiny/t10k-images-idx3-ubyte.gz",
                        "src/test/resources/fashion-mnist-tiny/t10k-labels-idx1-ubyte.gz",
                        "src/test/resources/fashion-mnist-tiny/train-images-idx3-ubyte.gz",
                        "src/test/resources/fashion-mnist-tiny/train-labels-idx1-ubyte.gz"),
                files(dir));
        assertEquals(
                Files.readString(Path.of("models/lenet5.yaml")), Files.readString(dir.resolve("models/lenet5.yaml")));
        assertTrue(Files.readString(dir.resolve("src/main/java/org/acme/fashion/Main.java"))
                .startsWith("package org.acme.fashion;\n"));
        assertTrue(Files.readString(dir.resolve("pom.xml")).contains("<artifactId>lenet5</artifactId>"));
    }

    @Test
    void aSmallRecipeWithAChosenName() throws IOException {
        Path dir = tmp.resolve("x");
        CliRun r = CliRun.of("init", dir.toString(), "--recipe", "xor", "--name", "xor-demo");
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out()
                        .endsWith("  mvn -q package -DskipTests && java -jar target/xor-demo.jar"
                                + "  # train for the recipe's 1000 epochs\n"),
                r.out());
        assertTrue(Files.readString(dir.resolve("pom.xml")).contains("<artifactId>xor-demo</artifactId>"));
        assertTrue(Files.readString(dir.resolve("README.md"))
                .contains("`zoo init x --recipe xor --package com.example.app --name xor-demo`"));
    }

    @Test
    void aFolderThatIsNotEmptyIsRefusedAndLeftAlone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("notes.txt"), "mine");

        CliRun r = CliRun.of("init", dir.toString(), "--recipe", "xor");

        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("zoo: " + dir + ": the folder is not empty (use --force to write into it anyway)\n", r.err());
        assertEquals(List.of("notes.txt"), files(dir));
    }

    @Test
    void forceWritesIntoAFolderThatIsNotEmptyAndKeepsOtherFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve("pom.xml"), "old");

        CliRun r = CliRun.of("init", dir.toString(), "--recipe", "xor", "--force");

        assertEquals(0, r.code(), r.err());
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
        assertTrue(Files.readString(dir.resolve("pom.xml")).startsWith("<?xml"));
    }

    @Test
    void aFileIsNotAFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        CliRun r = CliRun.of("init", file.toString(), "--recipe", "xor", "--force");
        assertEquals(2, r.code());
        assertEquals("zoo: " + file + ": exists and is not a folder\n", r.err());
    }

    @Test
    void badNamesAreRefusedBeforeAnythingIsWritten() {
        Path dir = tmp.resolve("new");
        for (String[] bad : new String[][] {
            {"--package", "com.example.1app", "zoo: --package 'com.example.1app': '1app' is not a Java identifier"},
            {"--package", "com.example.class", "zoo: --package 'com.example.class': 'class' is a Java keyword"},
            {
                "--package",
                "java.util.app",
                "zoo: --package 'java.util.app': packages under java. are reserved for the JDK"
            },
            {
                "--name",
                "my app",
                "zoo: --name 'my app': expected a Maven artifactId (letters, digits, '-', '_' and '.'), e.g. my-app"
            },
        }) {
            CliRun r = CliRun.of("init", dir.toString(), "--recipe", "mlp", bad[0], bad[1]);
            assertEquals(2, r.code(), bad[1]);
            assertEquals("", r.out());
            assertEquals(bad[2] + "\n", r.err());
            assertFalse(Files.exists(dir), "nothing written for " + bad[1]);
        }
    }

    @Test
    void anUnknownRecipeSuggestsTheClosest() {
        CliRun r = CliRun.of("init", tmp.resolve("app").toString(), "--recipe", "lenet");
        assertEquals(2, r.code());
        assertEquals("zoo: unknown recipe 'lenet', did you mean 'lenet5'?\n", r.err());
        assertFalse(Files.exists(tmp.resolve("app")));
    }

    @Test
    void aDatasetWithoutALoaderIsRefused() throws IOException {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.writeString(
                models.resolve("digits.yaml"),
                Files.readString(Path.of("models/mlp.yaml"))
                        .replace("name: mlp", "name: digits")
                        .replace("dataset: fashion-mnist-sample", "dataset: mnist"));
        CliRun r =
                CliRun.of("init", tmp.resolve("app").toString(), "--recipe", "digits", "--models", models.toString());
        assertEquals(2, r.code());
        assertEquals(
                "zoo: dataset 'mnist': zoo init writes data loaders for fashion-mnist, fashion-mnist-sample, co2, xor,"
                        + " xor-bias, idx:DIR and images:DIR\n",
                r.err());
        assertFalse(Files.exists(tmp.resolve("app")));
    }

    /** The csv kind writes projects for the series it ships, not for a CSV file of one's own. */
    @Test
    void aCsvFileOfOnesOwnIsRefused() throws IOException {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path csv = Files.writeString(tmp.resolve("mine.csv"), "Date,CO2\n2020-01-01,410\n");
        Files.writeString(
                models.resolve("mine.yaml"),
                Files.readString(Path.of("models/lstm-forecast.yaml"))
                        .replace("name: lstm-forecast", "name: mine")
                        .replace("dataset: co2", "dataset: csv:" + csv));
        CliRun r = CliRun.of("init", tmp.resolve("app").toString(), "--recipe", "mine", "--models", models.toString());
        assertEquals(2, r.code());
        assertEquals(
                "zoo: dataset 'csv:" + csv + "': zoo init writes data loaders for fashion-mnist, fashion-mnist-sample,"
                        + " co2, xor, xor-bias, idx:DIR and images:DIR\n",
                r.err());
        assertFalse(Files.exists(tmp.resolve("app")));
    }

    @Test
    void aPictureFolderThatIsNotThereOrDoesNotFitIsRefused() throws IOException {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path missing = tmp.resolve("no-pictures");
        Path pictures = Stripes.draw(tmp.resolve("stripes"));
        String yaml = Files.readString(Path.of("models/mlp.yaml")).replace("name: mlp", "name: mine");
        Files.writeString(
                models.resolve("mine.yaml"),
                yaml.replace("dataset: fashion-mnist-sample", "dataset: images:" + missing));
        CliRun r = CliRun.of("init", tmp.resolve("app").toString(), "--recipe", "mine", "--models", models.toString());
        assertEquals(2, r.code());
        assertEquals(
                "zoo: " + missing + ": expected a folder with one sub-folder of pictures per class, not found\n",
                r.err());
        assertFalse(Files.exists(tmp.resolve("app")));

        Files.writeString(
                models.resolve("mine.yaml"),
                yaml.replace("dataset: fashion-mnist-sample", "dataset: images:" + pictures));
        r = CliRun.of("init", tmp.resolve("app").toString(), "--recipe", "mine", "--models", models.toString());
        assertEquals(2, r.code());
        assertEquals(
                "zoo: recipe mine: output.units: expected 3, one per class folder of " + pictures
                        + " (horizontal, vertical, wide-horizontal)\n",
                r.err());
        assertFalse(Files.exists(tmp.resolve("app")));
    }

    @Test
    void theRecipeIsRequired() {
        CliRun r = CliRun.of("init", tmp.resolve("app").toString());
        assertEquals(2, r.code());
        assertEquals("zoo: Missing required option: '--recipe=NAME'; see zoo init --help\n", r.err());
    }

    @Test
    void initHasHelp() {
        CliRun r = CliRun.of("init", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: zoo init"), r.out());
        assertTrue(CliRun.of("--help").out().contains("  init "), "listed under Commands");
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }
}
