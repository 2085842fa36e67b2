package io.github.dl4jzoo.data;

import static io.github.dl4jzoo.data.IdxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubsetTest {
    @TempDir
    Path tmp;

    /** 40 train / 20 test 1x2 images, 4 classes; pixel 0 = index, pixel 1 = class. */
    private Path source() {
        Path dir = tmp.resolve("src");
        write(dir, IdxFolder.TRAIN_IMAGES, IdxFolder.TRAIN_LABELS, 40);
        write(dir, IdxFolder.TEST_IMAGES, IdxFolder.TEST_LABELS, 20);
        return dir;
    }

    private static void write(Path dir, String images, String labels, int n) {
        byte[] pixels = new byte[n * 2];
        byte[] classes = new byte[n];
        for (int i = 0; i < n; i++) {
            classes[i] = (byte) ((i * 7) % 4);
            pixels[2 * i] = (byte) i;
            pixels[2 * i + 1] = classes[i];
        }
        Idx.writeImages(dir.resolve(images + ".gz"), 1, 2, pixels);
        Idx.writeLabels(dir.resolve(labels + ".gz"), classes);
    }

    @Test
    void equalPerClassSeededAndInFileOrder() throws IOException {
        Subset.Result result = Subset.write(source(), 8, 4, 5, tmp.resolve("out"));
        assertArrayEquals(new int[] {2, 2, 2, 2}, result.trainPerClass());
        assertArrayEquals(new int[] {1, 1, 1, 1}, result.testPerClass());

        Idx.Images images = Idx.readImages(DataFile.of(tmp.resolve("out").resolve(IdxFolder.TRAIN_IMAGES + ".gz")));
        Idx.Labels labels = Idx.readLabels(DataFile.of(tmp.resolve("out").resolve(IdxFolder.TRAIN_LABELS + ".gz")));
        assertEquals(8, images.count());
        int previous = -1;
        for (int i = 0; i < 8; i++) {
            int index = images.pixels()[2 * i];
            assertEquals(images.pixels()[2 * i + 1], labels.labels()[i], "image and label stay paired");
            assertEquals(true, index > previous, "original order kept");
            previous = index;
        }

        // same seed: identical bytes; other seed: other images
        Subset.write(source(), 8, 4, 5, tmp.resolve("again"));
        Subset.write(source(), 8, 4, 6, tmp.resolve("other"));
        for (String name : IdxFolder.NAMES) {
            assertArrayEquals(bytes("out", name), bytes("again", name));
        }
        assertNotEquals(List.of(bytes("out", IdxFolder.TRAIN_IMAGES)), List.of(bytes("other", IdxFolder.TRAIN_IMAGES)));
        assertEquals(
                Checksums.sha256OfContent(DataFile.of(tmp.resolve("out/" + IdxFolder.TEST_LABELS + ".gz")))
                        .hex(),
                result.files().get(3).sha256());
    }

    private byte[] bytes(String dir, String name) throws IOException {
        return Files.readAllBytes(tmp.resolve(dir).resolve(name + ".gz"));
    }

    @Test
    void sizesMustSplitEquallyOverClasses() {
        Path src = source();
        assertMessage(
                "subset size 10: expected a positive multiple of the 4 classes (equal images per class)",
                () -> Subset.write(src, 10, 4, 1, tmp.resolve("out")));
        assertMessage(
                src.resolve(IdxFolder.TEST_LABELS + ".gz")
                        + ": expected at least 6 images of class 0 for the subset, got 5",
                () -> Subset.write(src, 8, 24, 1, tmp.resolve("out")));
    }
}
