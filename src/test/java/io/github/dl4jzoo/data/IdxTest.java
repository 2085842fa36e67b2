package io.github.dl4jzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    // three 2x3 images with values that say where they are: image i, pixel p -> 10*i + p
    static final byte[] PIXELS = {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, (byte) 255, 21, 22, 23, 24, 25};
    static final byte[] LABELS = {2, 0, 1};

    @Test
    void roundTripsRawAndGzipped() {
        for (String suffix : new String[] {"", ".gz"}) {
            Path images = dir.resolve("images-idx3-ubyte" + suffix);
            Path labels = dir.resolve("labels-idx1-ubyte" + suffix);
            Idx.writeImages(images, 2, 3, PIXELS);
            Idx.writeLabels(labels, LABELS);

            Idx.Images readImages = Idx.readImages(DataFile.of(images));
            Idx.Labels readLabels = Idx.readLabels(DataFile.of(labels));

            assertEquals(3, readImages.count());
            assertEquals(2, readImages.rows());
            assertEquals(3, readImages.cols());
            assertArrayEquals(PIXELS, readImages.pixels());
            assertArrayEquals(LABELS, readLabels.labels());
        }
    }

    @Test
    void rawFileHasTheHeaderByteForByte() throws IOException {
        Path images = dir.resolve("x-idx3-ubyte");
        Idx.writeImages(images, 2, 3, PIXELS);
        byte[] bytes = Files.readAllBytes(images);
        byte[] header = {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 3};
        assertArrayEquals(header, Arrays.copyOf(bytes, 16));
        assertEquals(16 + PIXELS.length, bytes.length);
    }

    @Test
    void gzipOutputIsDeterministic() throws IOException {
        Path a = dir.resolve("a.gz");
        Path b = dir.resolve("b.gz");
        Idx.writeImages(a, 2, 3, PIXELS);
        Idx.writeImages(b, 2, 3, PIXELS);
        byte[] bytes = Files.readAllBytes(a);
        assertArrayEquals(bytes, Files.readAllBytes(b));
        assertArrayEquals(new byte[] {0, 0, 0, 0}, Arrays.copyOfRange(bytes, 4, 8), "gzip MTIME must be 0");
    }

    @Test
    void scalesToUnitInterval() {
        ImageSet set = ImageSet.of(new Idx.Images("img", 3, 2, 3, PIXELS), new Idx.Labels("lab", 3, LABELS), 3);
        assertEquals(1.0f, set.pixels().getFloat(2, 0));
        assertEquals(13 / 255f, set.pixels().getFloat(1, 3));
        assertArrayEquals(new int[] {2, 0, 1}, set.labels());
        assertArrayEquals(new int[] {1, 1, 1}, set.classCounts());
    }

    @Test
    void truncatedRawFile() throws IOException {
        Path f = write("t-idx3-ubyte", Arrays.copyOf(encodeImages(), 16 + 10));
        assertMessage(
                f + ": offset 26: expected 18 data bytes for 3 images of 2x3 (length 34), file ends here (truncated)",
                () -> Idx.readImages(DataFile.of(f)));
    }

    @Test
    void truncatedGzipFile() throws IOException {
        byte[] gz = gzip(encodeImages());
        Path f = write("t-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length - 4));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(DataFile.of(f)));
        // the deflate data is complete, only the CRC/length trailer is cut
        assertEquals(
                f + ": offset 34 (decompressed): expected a gzip trailer (CRC, length), file ends early (truncated)",
                e.getMessage());

        Path half = write("h-idx3-ubyte.gz", Arrays.copyOf(gzip(bigImages()), 200));
        String message = assertThrows(DataException.class, () -> Idx.readImages(DataFile.of(half)))
                .getMessage();
        assertEquals(true, message.startsWith(half + ": offset "), message);
        assertEquals(
                true,
                message.endsWith(
                        "expected 40000 data bytes for 100 images of 20x20 (length 40016), file ends here (truncated)"),
                message);
    }

    @Test
    void wrongMagic() throws IOException {
        Path f = write("labels-idx1-ubyte", Idx.encode(Idx.LABELS_MAGIC, new int[] {3}, LABELS));
        assertMessage(
                f + ": offset 0: expected IDX magic 2051 (0x00000803), got 0x00000801",
                () -> Idx.readImages(DataFile.of(f)));
    }

    @Test
    void gzipBytesUnderARawName() throws IOException {
        Path f = write("train-images-idx3-ubyte", gzip(encodeImages()));
        assertMessage(
                f
                        + ": offset 0: expected IDX magic 2051 (0x00000803), got 0x1f8b0800 (the file is gzipped: name it .gz)",
                () -> Idx.readImages(DataFile.of(f)));
    }

    @Test
    void nonGzipFileNamedGz() throws IOException {
        Path f = write("train-images-idx3-ubyte.gz", encodeImages());
        assertMessage(
                f + ": offset 0: expected gzip magic 0x1f8b, got 0x0000 (not gzip: rename it without .gz?)",
                () -> Idx.readImages(DataFile.of(f)));
    }

    @Test
    void emptyFiles() throws IOException {
        Path raw = write("e-idx1-ubyte", new byte[0]);
        assertMessage(
                raw + ": offset 0: expected IDX magic 2049 (0x00000801), got end of file (empty file)",
                () -> Idx.readLabels(DataFile.of(raw)));
        Path gz = write("e-idx1-ubyte.gz", new byte[0]);
        assertMessage(
                gz + ": offset 0: expected gzip magic 0x1f8b, got end of file (empty file)",
                () -> Idx.readLabels(DataFile.of(gz)));
    }

    @Test
    void shortHeaderAndBadDimension() throws IOException {
        Path shortHeader = write("s-idx3-ubyte", Arrays.copyOf(encodeImages(), 10));
        assertMessage(
                shortHeader + ": offset 10: expected a 16-byte header, file ends here",
                () -> Idx.readImages(DataFile.of(shortHeader)));
        Path zeroRows = write("z-idx3-ubyte", Idx.encode(Idx.IMAGES_MAGIC, new int[] {3, 0, 3}, new byte[0]));
        assertMessage(
                zeroRows + ": offset 8: expected a positive dimension, got 0",
                () -> Idx.readImages(DataFile.of(zeroRows)));
    }

    @Test
    void trailingBytes() throws IOException {
        byte[] good = encodeImages();
        Path f = write("long-idx3-ubyte", Arrays.copyOf(good, good.length + 1));
        assertMessage(
                f + ": offset 34: expected end of file after 3 images of 2x3, found more bytes",
                () -> Idx.readImages(DataFile.of(f)));
    }

    @Test
    void imagesOfAnotherSizeThanExpected() throws IOException {
        Path f = write("i-idx3-ubyte.gz", gzip(encodeImages()));
        assertMessage(
                f + ": offset 8 (decompressed): expected 28x28 images, got 2x3",
                () -> Idx.readImages(DataFile.of(f), 28, 28));
    }

    @Test
    void labelAndImageCountsMustAgree() {
        Idx.Images images = new Idx.Images("train-images", 3, 2, 3, PIXELS);
        Idx.Labels labels = new Idx.Labels("train-labels", 2, new byte[] {0, 1});
        assertMessage(
                "train-labels: offset 4: expected 3 labels to match train-images (3 images), got 2",
                () -> ImageSet.of(images, labels, 10));
    }

    @Test
    void labelsMustBeClasses() {
        Idx.Images images = new Idx.Images("img", 3, 2, 3, PIXELS);
        Idx.Labels labels = new Idx.Labels("lab", 3, new byte[] {0, 1, 12});
        assertMessage("lab: offset 10: expected a label in 0..9, got 12", () -> ImageSet.of(images, labels, 10));
    }

    @Test
    void failedWriteLeavesNothing() throws IOException {
        Path blocker = write("not-a-dir", new byte[] {1});
        Path target = blocker.resolve("x-idx1-ubyte");
        assertThrows(DataException.class, () -> Idx.writeLabels(target, LABELS));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the blocker file");
        }
    }

    // helpers

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable body) {
        assertEquals(expected, assertThrows(DataException.class, body).getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static byte[] encodeImages() {
        return Idx.encode(Idx.IMAGES_MAGIC, new int[] {3, 2, 3}, PIXELS);
    }

    private static byte[] bigImages() {
        byte[] pixels = new byte[100 * 20 * 20];
        java.util.Random random = new java.util.Random(1);
        random.nextBytes(pixels); // incompressible, so 200 gzip bytes hold only a little of it
        return Idx.encode(Idx.IMAGES_MAGIC, new int[] {100, 20, 20}, pixels);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
