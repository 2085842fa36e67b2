package io.github.dl4jzoo.data;

import static io.github.dl4jzoo.data.IdxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class ImageFolderTest {
    @TempDir
    Path tmp;

    /** A picture of one grey level, width x height, as PNG (lossless) or JPEG. */
    static Path picture(Path file, int width, int height, int grey) {
        return picture(file, width, height, grey, grey, grey);
    }

    static Path picture(Path file, int width, int height, int r, int g, int b) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return write(file, img);
    }

    static Path write(Path file, BufferedImage img) {
        try {
            Files.createDirectories(file.getParent());
            String name = file.getFileName().toString();
            ImageIO.write(img, name.substring(name.lastIndexOf('.') + 1), file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Two classes, five pictures each: "dark" at grey 20..60 and "light" at 200..240 (name order = grey order), of
     * several sizes, the light ones in colour. Every fifth of a class in name order is a test picture.
     */
    static Path twoClasses(Path dir) {
        for (int i = 0; i < 5; i++) {
            picture(dir.resolve("dark/" + i + ".png"), 10 + i, 8, 20 + 10 * i);
            picture(dir.resolve("light/" + i + ".png"), 6, 6 + i, 200 + 10 * i, 200 + 10 * i, 200 + 10 * i);
        }
        return dir;
    }

    private static DataRequest request(int channels, int rows, int cols) {
        return new DataRequest(
                Optional.empty(),
                Layout.IMAGE,
                channels,
                rows,
                cols,
                channels * rows * cols,
                Optional.empty(),
                0,
                100,
                1,
                0,
                false,
                Augmentation.NONE);
    }

    @Test
    void classesAreTheSubFoldersAndEveryFifthPictureIsForTest() {
        Path dir = twoClasses(tmp.resolve("pics"));
        Splits s = Datasets.load("images:" + dir, request(1, 4, 4));
        assertEquals(List.of("dark", "light"), s.classNames());
        DataSet train = s.train().next(), test = s.test().next();
        assertArrayEquals(new long[] {8, 1, 4, 4}, train.getFeatures().shape());
        assertArrayEquals(new long[] {2, 1, 4, 4}, test.getFeatures().shape());
        // test: dark/4.png (grey 60) and light/4.png (grey 240), resized from any size, one grey level everywhere
        INDArray x = test.getFeatures();
        assertEquals(60 / 255f, x.getFloat(0, 0, 0, 0), 1e-6f);
        assertEquals(60 / 255f, x.getFloat(0, 0, 3, 3), 1e-6f);
        assertEquals(240 / 255f, x.getFloat(1, 0, 2, 1), 1e-6f);
        assertArrayEquals(new float[] {1, 0}, test.getLabels().getRow(0).toFloatVector());
        assertArrayEquals(new float[] {0, 1}, test.getLabels().getRow(1).toFloatVector());
        assertEquals(10, s.sources().size(), "every picture read is named");
    }

    @Test
    void colourPicturesKeepTheirChannelsOrBecomeGrey() {
        Path dir = tmp.resolve("colour");
        for (int i = 0; i < 5; i++) {
            picture(dir.resolve("red/" + i + ".png"), 5, 5, 200, 100, 50);
            picture(dir.resolve("blue/" + i + ".png"), 5, 5, 0, 0, 255);
        }
        INDArray rgb =
                Datasets.load("images:" + dir, request(3, 5, 5)).test().next().getFeatures();
        assertArrayEquals(new long[] {2, 3, 5, 5}, rgb.shape());
        // test pictures in class order: blue/4.png, red/4.png; channels in OpenCV's order: blue, green, red
        assertArrayEquals(
                new float[] {1, 0, 0},
                rgb.get(
                                org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(2),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(2))
                        .toFloatVector(),
                1e-6f);
        assertArrayEquals(
                new float[] {50 / 255f, 100 / 255f, 200 / 255f},
                rgb.get(
                                org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                        .toFloatVector(),
                1e-6f);
        INDArray grey =
                Datasets.load("images:" + dir, request(1, 5, 5)).test().next().getFeatures();
        // OpenCV's grey: 0.299 R + 0.587 G + 0.114 B, rounded: (200, 100, 50) -> 124, pure blue -> 29
        assertEquals(29 / 255f, grey.getFloat(0, 0, 0, 0), 1e-6f);
        assertEquals(124 / 255f, grey.getFloat(1, 0, 4, 4), 1e-6f);
    }

    @Test
    void aBadFolderIsOneLineNamingIt() throws IOException {
        Path missing = tmp.resolve("nothing-here");
        assertMessage(
                missing + ": expected a folder with one sub-folder of pictures per class, not found",
                () -> Datasets.load("images:" + missing, request(1, 4, 4)));

        Path flat = tmp.resolve("flat");
        picture(flat.resolve("a.png"), 3, 3, 0);
        assertMessage(
                flat + ": expected one sub-folder of pictures per class, at least two, found 0",
                () -> Datasets.load("images:" + flat, request(1, 4, 4)));

        Path empty = twoClasses(tmp.resolve("empty-class"));
        Files.createDirectories(empty.resolve("zebra"));
        Files.writeString(empty.resolve("zebra/notes.txt"), "not a picture");
        assertMessage(
                empty.resolve("zebra") + ": expected pictures of this class (.png, .jpg, .jpeg), found none",
                () -> Datasets.load("images:" + empty, request(1, 4, 4)));

        Path broken = twoClasses(tmp.resolve("broken"));
        Files.writeString(broken.resolve("light/2.png"), "this is not a PNG");
        assertMessage(
                broken.resolve("light/2.png") + ": expected a PNG or JPEG picture, it does not decode",
                () -> Datasets.load("images:" + broken, request(1, 4, 4)));
    }

    @Test
    void unknownIdsFailNamingTheForms() {
        assertMessage(
                "dataset 'nosuch': expected one of fashion-mnist, mnist, fashion-mnist-sample, co2, xor, xor-bias,"
                        + " idx:DIR, csv:FILE, images:DIR",
                () -> Datasets.id("nosuch"));
        assertMessage(
                "dataset 'images:': expected images:DIR, got no DIR after 'images:'", () -> Datasets.id("images:"));
    }
}
