package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.data.Idx;
import io.github.dl4jzoo.train.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, made by the test itself, against every command: each gets exit code 2, one line naming the file or
 * option it is about, no stack trace, and leaves the folder it was given exactly as it was (names and bytes).
 */
class BadInputTest {
    @TempDir
    static Path shared;

    /** A finished xor run, for the cases that need one (predict, resume). */
    static Path xorRun;

    @BeforeAll
    static void trainOnce() {
        xorRun = shared.resolve("xor-run");
        CliRun r = CliRun.of("train", "xor", "--epochs", "5", "--verbose", "0", "--out", xorRun.toString());
        assertEquals(0, r.code(), r.err());
    }

    /**
     * One bad input: {@code setup} fills the case's folder and returns the arguments; the error line must
     * contain {@code names} (with {@code DIR} standing for the case's folder).
     */
    record Case(String what, Function<Path, List<String>> setup, String names) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                        // --overwrite never empties a folder the zoo did not write
                        new Case(
                                "train --overwrite on a project folder",
                                dir -> {
                                    write(dir.resolve("src/Main.java"), "class Main {}");
                                    return List.of("train", "xor", "--out", dir.toString(), "--overwrite");
                                },
                                "DIR: the output folder exists and the zoo did not write it"),
                        new Case(
                                "compare --overwrite on a project folder",
                                dir -> {
                                    write(dir.resolve("pom.xml"), "<project/>");
                                    return List.of("compare", "xor", "--out", dir.toString(), "--overwrite");
                                },
                                "DIR: the output folder exists and the zoo did not write it"),
                        new Case(
                                "train --out into a comparison's folder",
                                dir -> {
                                    write(dir.resolve(RunFolder.MARKER), "comparison\n");
                                    write(dir.resolve("results.csv"), "recipe\n");
                                    return List.of("train", "xor", "--out", dir.toString(), "--overwrite");
                                },
                                "DIR: the output folder holds a comparison, not a run"),
                        new Case(
                                "--out naming a file",
                                dir -> {
                                    write(dir.resolve("file.txt"), "mine");
                                    return List.of(
                                            "train",
                                            "xor",
                                            "--out",
                                            dir.resolve("file.txt").toString());
                                },
                                "DIR/file.txt: exists and is not a folder"),
                        new Case(
                                "--out under /proc",
                                dir -> List.of("train", "xor", "--out", "/proc/x"),
                                "/proc/x: cannot create the output folder"),
                        // option ranges, at parse time
                        new Case("train --epochs 0", dir -> List.of("train", "xor", "--epochs", "0"), "'--epochs'"),
                        new Case(
                                "train --batch -3",
                                dir -> List.of("train", "xor", "--batch", "-3", "--out", dir.toString()),
                                "'--batch'"),
                        new Case(
                                "train --verbose 3",
                                dir -> List.of("train", "xor", "--verbose", "3", "--out", dir.toString()),
                                "'--verbose'"),
                        new Case(
                                "train --time-budget 0",
                                dir -> List.of("train", "xor", "--time-budget", "0", "--out", dir.toString()),
                                "'--time-budget'"),
                        new Case(
                                "train --checkpoint-every 0",
                                dir -> List.of("train", "xor", "--checkpoint-every", "0", "--out", dir.toString()),
                                "'--checkpoint-every'"),
                        new Case(
                                "train --time-budget 100d",
                                dir -> List.of("train", "xor", "--time-budget", "1000h", "--out", dir.toString()),
                                "'--time-budget'"),
                        new Case(
                                "train --early-stopping 0",
                                dir -> List.of("train", "xor", "--early-stopping", "0", "--out", dir.toString()),
                                "'--early-stopping'"),
                        new Case(
                                "compare --seeds 100000000",
                                dir -> List.of("compare", "xor", "--seeds", "100000000", "--out", dir.toString()),
                                "'--seeds'"),
                        new Case(
                                "predict --top -1",
                                dir -> List.of("predict", "r", "--input", "f", "--top", "-1"),
                                "'--top'"),
                        new Case(
                                "predict --limit 0",
                                dir -> List.of("predict", "r", "--input", "f", "--limit", "0"),
                                "'--limit'"),
                        new Case("bench --iters 0", dir -> List.of("bench", "xor", "--iters", "0"), "'--iters'"),
                        new Case("bench --warmup -1", dir -> List.of("bench", "xor", "--warmup", "-1"), "'--warmup'"),
                        new Case(
                                "bench --threads 100000",
                                dir -> List.of("bench", "xor", "--threads", "100000", "--no-save"),
                                "'--threads'"),
                        new Case("an unknown option", dir -> List.of("train", "xor", "--epoch", "3"), "'--epoch'"),
                        new Case(
                                "data subset --train 0",
                                dir -> List.of(
                                        "data",
                                        "subset",
                                        "--from",
                                        "x",
                                        "--train",
                                        "0",
                                        "--test",
                                        "1",
                                        "--seed",
                                        "1",
                                        "--out",
                                        dir.toString()),
                                "'--train'"),
                        // data subset never replaces what is there without --overwrite
                        new Case(
                                "data subset onto existing files",
                                dir -> {
                                    Path from = dir.resolve("from");
                                    idx(from, new byte[] {0, 1, 0, 1}, new byte[] {0, 1});
                                    write(dir.resolve("out/train-images-idx3-ubyte.gz"), "mine");
                                    return List.of(
                                            "data",
                                            "subset",
                                            "--from",
                                            from.toString(),
                                            "--train",
                                            "2",
                                            "--test",
                                            "2",
                                            "--seed",
                                            "1",
                                            "--out",
                                            dir.resolve("out").toString());
                                },
                                "DIR/out/train-images-idx3-ubyte.gz: exists"),
                        // resume: only what cannot change the run
                        new Case(
                                "--resume with --set",
                                dir -> List.of("train", "--resume", xorRun.toString(), "--set", "updater.lr=1"),
                                "a resumed run trains its own recipe.yaml"),
                        new Case(
                                "--resume with a missing checkpoint",
                                dir -> {
                                    Path run = copyRun(dir);
                                    delete(run.resolve("state.json"));
                                    write(run.resolve("state.json"), unfinishedState("checkpoint-3-0.zip"));
                                    return List.of("train", "--resume", run.toString());
                                },
                                "DIR/run/checkpoint-3-0.zip"),
                        new Case(
                                "--resume with a truncated checkpoint",
                                dir -> {
                                    Path run = copyRun(dir);
                                    write(run.resolve("checkpoint-3-0.zip"), "PK\u0003\u0004trunc");
                                    delete(run.resolve("state.json"));
                                    write(run.resolve("state.json"), unfinishedState("checkpoint-3-0.zip"));
                                    return List.of("train", "--resume", run.toString());
                                },
                                "DIR/run/checkpoint-3-0.zip"),
                        // recipes and data that do not fit each other
                        new Case(
                                "output.units below the data's classes",
                                dir -> List.of(
                                        "train",
                                        "mlp",
                                        "--set",
                                        "output.units=3",
                                        "--out",
                                        dir.resolve("r").toString()),
                                "output.units"),
                        new Case(
                                "an image recipe on xor",
                                dir -> List.of(
                                        "train",
                                        "mlp",
                                        "--set",
                                        "dataset=xor",
                                        "--out",
                                        dir.resolve("r").toString()),
                                "xor"),
                        new Case(
                                "IDX labels out of range",
                                dir -> {
                                    idx(dir.resolve("idx"), new byte[] {0, 1, 0, (byte) 200}, new byte[] {0, 1});
                                    return List.of(
                                            "train",
                                            "linear-softmax",
                                            "--set",
                                            "dataset=idx:" + dir.resolve("idx"),
                                            "--out",
                                            dir.resolve("r").toString());
                                },
                                "expected 10 classes (output.units), found 201"),
                        new Case(
                                "a test label no training image has",
                                dir -> {
                                    idx(dir.resolve("idx"), new byte[] {0, 1, 0, 1}, new byte[] {0, 2});
                                    return List.of(
                                            "train",
                                            "linear-softmax",
                                            "--set",
                                            "dataset=idx:" + dir.resolve("idx"),
                                            "--out",
                                            dir.resolve("r").toString());
                                },
                                "DIR/idx/t10k-labels-idx1-ubyte"),
                        new Case(
                                "a corrupt gzip stream",
                                dir -> {
                                    idx(dir.resolve("idx"), new byte[] {0, 1, 0, 1}, new byte[] {0, 1});
                                    Path gz = dir.resolve("idx/train-images-idx3-ubyte.gz");
                                    byte[] bytes = read(gz);
                                    bytes[bytes.length / 2] ^= 0x5a;
                                    bytes[bytes.length / 2 + 1] ^= 0x5a;
                                    delete(gz);
                                    write(gz, bytes);
                                    return List.of(
                                            "train",
                                            "linear-softmax",
                                            "--set",
                                            "dataset=idx:" + dir.resolve("idx"),
                                            "--out",
                                            dir.resolve("r").toString());
                                },
                                "DIR/idx/train-images-idx3-ubyte.gz"),
                        new Case(
                                "a CSV with one very long line",
                                dir -> {
                                    write(dir.resolve("long.csv"), "Date,CO2\n" + "1".repeat(3 << 20) + "\n");
                                    return List.of(
                                            "train",
                                            "mlp-forecast",
                                            "--set",
                                            "dataset=csv:" + dir.resolve("long.csv"),
                                            "--out",
                                            dir.resolve("r").toString());
                                },
                                "DIR/long.csv: line 2"),
                        new Case(
                                "a CSV over 256 MiB of short lines",
                                dir -> {
                                    sparseCsv(dir.resolve("huge.csv"), (256L << 20) + 1);
                                    return List.of(
                                            "train",
                                            "mlp-forecast",
                                            "--set",
                                            "dataset=csv:" + dir.resolve("huge.csv"),
                                            "--out",
                                            dir.resolve("r").toString());
                                },
                                "DIR/huge.csv: larger than 256 MiB"),
                        new Case(
                                "--data that does not exist",
                                dir -> List.of(
                                        "train",
                                        "mlp",
                                        "--data",
                                        dir.resolve("nonexistent").toString(),
                                        "--out",
                                        dir.resolve("r").toString()),
                                "DIR/nonexistent"),
                        new Case(
                                "a dataset id given to --data",
                                dir -> List.of(
                                        "train",
                                        "mlp",
                                        "--data",
                                        "idx:" + dir,
                                        "--out",
                                        dir.resolve("r").toString()),
                                "--data idx:DIR: expected a folder or file; a dataset id goes to --set dataset=idx:DIR"),
                        new Case(
                                "--data for a built-in set",
                                dir -> List.of(
                                        "train",
                                        "xor",
                                        "--data",
                                        dir.toString(),
                                        "--out",
                                        dir.resolve("r").toString()),
                                "--data DIR: dataset xor is a built-in teaching set and reads no files"),
                        new Case(
                                "--data beside an id that names its folder",
                                dir -> {
                                    idx(dir.resolve("idx"), new byte[] {0, 1}, new byte[] {0, 1});
                                    return List.of(
                                            "train",
                                            "mlp",
                                            "--set",
                                            "dataset=idx:" + dir.resolve("idx"),
                                            "--data",
                                            dir.resolve("idx").toString(),
                                            "--out",
                                            dir.resolve("r").toString());
                                },
                                "--data DIR/idx: dataset idx:DIR/idx names its dir already; give one of the two"),
                        new Case(
                                "compare --data for a built-in set",
                                dir -> List.of(
                                        "compare",
                                        "xor",
                                        "--data",
                                        dir.toString(),
                                        "--out",
                                        dir.resolve("c").toString()),
                                "--data DIR: dataset xor is a built-in teaching set and reads no files"),
                        // recipes
                        new Case(
                                "a key repeated in a recipe",
                                dir -> {
                                    write(dir.resolve("m/twice.yaml"), recipe("twice", "xor") + "epochs: 3\n");
                                    return List.of(
                                            "show",
                                            "twice",
                                            "--models",
                                            dir.resolve("m").toString());
                                },
                                "DIR/m/twice.yaml"),
                        new Case(
                                "list with a recipe of an unknown dataset",
                                dir -> {
                                    write(dir.resolve("m/bad.yaml"), recipe("bad", "nosuch"));
                                    return List.of(
                                            "list", "--models", dir.resolve("m").toString());
                                },
                                "DIR/m/bad.yaml: dataset: expected one of fashion-mnist,"),
                        new Case(
                                "show a recipe of an unknown dataset",
                                dir -> {
                                    write(dir.resolve("m/bad.yaml"), recipe("bad", "nosuch"));
                                    return List.of(
                                            "show",
                                            "bad",
                                            "--models",
                                            dir.resolve("m").toString());
                                },
                                "DIR/m/bad.yaml: dataset: expected one of fashion-mnist,"),
                        // predict
                        new Case(
                                "predict on a missing file",
                                dir -> List.of(
                                        "predict",
                                        xorRun.toString(),
                                        "--input",
                                        dir.resolve("nope.png").toString()),
                                "DIR/nope.png: not found"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedInOneLineAndChangesNothing(Case c, @TempDir Path dir) {
        List<String> args = c.setup().apply(dir);
        Map<String, String> before = snapshot(dir);
        Map<String, String> runBefore = snapshot(xorRun);
        CliRun r = CliRun.of(args.toArray(String[]::new));
        String expected = c.names().replace("DIR", dir.toString());
        assertEquals(2, r.code(), c + ": " + r.out() + r.err());
        assertTrue(r.err().startsWith("zoo: "), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(expected), "names " + expected + ": " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertEquals(before, snapshot(dir), "the folder is unchanged");
        assertEquals(runBefore, snapshot(xorRun), "the run folder is unchanged");
    }

    /**
     * Every file under {@code dir} with the SHA-256 of its bytes. The lock file's bytes name the last process
     * that held the folder, so only its presence counts.
     */
    static Map<String, String> snapshot(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                String name = dir.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    files.put(name + "/", "");
                } else if (p.getFileName().toString().equals(RunFolder.LOCK)) {
                    files.put(name, "lock");
                } else {
                    files.put(
                            name,
                            HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(read(p))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static String recipe(String name, String dataset) {
        return "name: " + name + "\ndescription: a test\nfamily: mlp\ntask: classification\ndataset: " + dataset
                + "\ninput: {features: 2}\narch: {hidden: [3], activation: tanh}\n"
                + "output: {units: 1, activation: sigmoid, loss: xent}\nweightInit: xavier\n"
                + "updater: {type: sgd, lr: 0.1}\nbatchSize: 4\nepochs: 10\nseed: 1\ndata: {validation: 0.0}\n";
    }

    /** A copy of the finished xor run whose state says it stopped after 3 of 5 epochs at {@code checkpoint}. */
    private static Path copyRun(Path dir) {
        Path run = dir.resolve("run");
        try (Stream<Path> files = Files.list(xorRun)) {
            Files.createDirectories(run);
            for (Path f : files.toList()) {
                Files.copy(f, run.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run;
    }

    private static String unfinishedState(String checkpoint) {
        return "{\"batchesInEpoch\":0,\"lossSumInEpoch\":0,\"samplesInEpoch\":0,\"secondsInEpoch\":0,"
                + "\"history\":[],\"best\":\"NaN\",\"sinceBest\":0,\"checkpoint\":\"" + checkpoint
                + "\",\"stopReason\":null}";
    }

    /** An IDX folder of blank 28x28 images, one per label. */
    static void idx(Path dir, byte[] trainLabels, byte[] testLabels) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Idx.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), 28, 28, new byte[784 * trainLabels.length]);
        Idx.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), trainLabels);
        Idx.writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"), 28, 28, new byte[784 * testLabels.length]);
        Idx.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), testLabels);
    }

    /**
     * A CSV of {@code bytes} bytes whose lines are 512 KiB of zero bytes each (under the line-length guard): a
     * sparse file, so that it takes almost no disk.
     */
    private static void sparseCsv(Path file, long bytes) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                file, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("Date,CO2\n".getBytes(StandardCharsets.UTF_8)), 0);
            for (long at = 512 << 10; at < bytes; at += 512 << 10) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), at);
            }
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), bytes - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
