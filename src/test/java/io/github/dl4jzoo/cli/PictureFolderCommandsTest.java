package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code images:DIR} through the commands: pictures the test draws, one sub-folder per class. */
class PictureFolderCommandsTest {
    private static final List<String> CLASSES = List.of("horizontal", "vertical", "wide-horizontal");
    private static final int PER_CLASS = 20;

    @TempDir
    static Path shared;

    static Path pictures;

    @TempDir
    Path tmp;

    /**
     * Stripes of three kinds at random phases: thin horizontal, thin vertical, wide horizontal. Sizes 24 to 40 px,
     * grey PNG, colour PNG and JPEG mixed, so every picture is resized and some are converted to grey.
     */
    @BeforeAll
    static void drawPictures() throws IOException {
        pictures = shared.resolve("stripes");
        Random random = new Random(5);
        for (int c = 0; c < CLASSES.size(); c++) {
            Path dir = Files.createDirectories(pictures.resolve(CLASSES.get(c)));
            for (int i = 0; i < PER_CLASS; i++) {
                int w = 24 + random.nextInt(17), h = 24 + random.nextInt(17);
                int period = c == 2 ? 12 : 4, phase = random.nextInt(period);
                boolean colour = i % 3 == 1;
                BufferedImage img =
                        new BufferedImage(w, h, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int along = c == 1 ? x : y;
                        boolean on = ((along + phase) % period) < period / 2;
                        int level = on ? 220 : 30;
                        img.setRGB(x, y, colour ? (level << 16) | (level / 2 << 8) | 40 : (level * 0x010101));
                    }
                }
                String format = i % 3 == 2 ? "jpg" : "png";
                ImageIO.write(
                        img,
                        format,
                        dir.resolve(String.format("%02d.%s", i, format)).toFile());
            }
        }
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
