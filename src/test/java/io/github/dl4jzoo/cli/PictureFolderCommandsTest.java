package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.data.Stripes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code images:DIR} through the commands: pictures the test draws, one sub-folder per class. */
class PictureFolderCommandsTest {
    private static final List<String> CLASSES = Stripes.CLASSES;

    @TempDir
    static Path shared;

    static Path pictures;

    @TempDir
    Path tmp;

    @BeforeAll
    static void drawPictures() throws IOException {
        pictures = Stripes.draw(shared.resolve("stripes"));
    }

    @Test
    void lenet5TrainsOnAPictureFolderAndEvaluatesAndPredicts() throws IOException {
        Path run = tmp.resolve("run");
        CliRun r = CliRun.of(
                "train",
                "lenet5",
                "--set",
                "dataset=images:" + pictures,
                "--set",
                "output.units=3",
                "--epochs",
                "4",
                "--batch",
                "8",
                "--verbose",
                "0",
                "--out",
                run.toString());
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("lenet5: test accuracy (\\d\\.\\d{4}) after 4 epochs.*\n")
                .matcher(r.out());
        assertTrue(m.matches(), r.out());
        // 12 test pictures (every fifth of 20 per class); chance is 1/3
        assertTrue(Double.parseDouble(m.group(1)) >= 0.75, r.out());
        assertEquals(CLASSES, Files.readAllLines(run.resolve("classes.txt")));

        CliRun eval = CliRun.of("evaluate", run.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("accuracy " + m.group(1)), eval.out());

        CliRun predict = CliRun.of(
                "predict",
                run.toString(),
                "--input",
                pictures.resolve("vertical/04.png").toString(),
                "--top",
                "1");
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().matches("04\\.png: vertical 0\\.\\d{4}\n"), predict.out());

        CliRun folder = CliRun.of(
                "predict",
                run.toString(),
                "--input",
                pictures.resolve("horizontal").toString(),
                "--limit",
                "2");
        assertEquals(0, folder.code(), folder.err());
        assertTrue(folder.out().startsWith("00.png: "), folder.out());
        assertEquals(2, folder.out().lines().count(), folder.out());
    }

    @Test
    void dataVerifyDescribesTheFolder() {
        CliRun r = CliRun.of("data", "verify", "images:" + pictures);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("images:" + pictures + ": path " + pictures + ", "), r.out());
        assertTrue(
                r.out()
                        .endsWith("no checksum (structure checked: 48 + 12 pictures in 3 classes (horizontal, vertical,"
                                + " wide-horizontal), every picture decodes; no published checksum)\n"),
                r.out());
    }

    @Test
    void aBadFolderIsOneLineAndExitCodeTwo() throws IOException {
        Path missing = tmp.resolve("no-such-folder");
        CliRun r = CliRun.of(
                "train",
                "lenet5",
                "--set",
                "dataset=images:" + missing,
                "--out",
                tmp.resolve("x").toString());
        assertEquals(2, r.code());
        assertEquals(
                "zoo: " + missing + ": expected a folder with one sub-folder of pictures per class, not found\n",
                r.err());

        CliRun classes = CliRun.of(
                "train",
                "lenet5",
                "--set",
                "dataset=images:" + pictures,
                "--out",
                tmp.resolve("y").toString());
        assertEquals(2, classes.code());
        assertEquals(
                "zoo: images:" + pictures + ": expected 10 classes (output.units), found 3 (horizontal, vertical,"
                        + " wide-horizontal); set output.units=3\n",
                classes.err());

        CliRun unknown = CliRun.of("train", "lenet5", "--set", "dataset=nosuch");
        assertEquals(2, unknown.code());
        assertTrue(
                unknown.err()
                        .matches("zoo: --set dataset=nosuch: expected one of fashion-mnist, .*"
                                + "images:DIR, got nosuch \\(recipe models/lenet5\\.yaml\\)\n"),
                unknown.err());
    }
}
