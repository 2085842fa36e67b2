package io.github.dl4jzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The reader streaming images from their file gives exactly what the file holds, wherever its reads stop. */
class IdxRecordReaderTest {
    // 100 images of 28x28 are 78,400 pixels: the reader's 65,536-pixel chunks end inside image 83
    private static final int COUNT = 100;
    private static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;

    @TempDir
    Path dir;

    private final byte[] pixels = random(COUNT * PIXELS);
    private final byte[] labels = labels();

    @Test
    void streamedSetEqualsTheWholeFileScaledByHandAsNd4jScales() {
        Path file = dir.resolve("i-idx3-ubyte.gz");
        Idx.writeImages(file, SIDE, SIDE, pixels);
        Idx.Labels read = new Idx.Labels("l", COUNT, labels);

        ImageSet streamed = ImageSet.of(DataFile.of(file), read, 10);
        ImageSet whole = ImageSet.of(Idx.readImages(DataFile.of(file)), read, 10);

        float[] expected = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            expected[i] = (pixels[i] & 0xff) / 255f;
        }
        assertArrayEquals(expected, streamed.pixels().data().asFloat());
        float[] levels = new float[256];
        for (int level = 0; level < levels.length; level++) {
            levels[level] = level;
        }
        float[] byNd4j = Nd4j.createFromArray(levels).divi(255.0).toFloatVector();
        for (int level = 0; level < levels.length; level++) {
            assertEquals(level / 255f, byNd4j[level], "ND4J's x / 255, as sets were scaled before, for " + level);
        }
        assertArrayEquals(expected, whole.pixels().data().asFloat());
        int[] classes = new int[COUNT];
        for (int i = 0; i < COUNT; i++) {
            classes[i] = labels[i];
        }
        assertArrayEquals(classes, streamed.labels());
        assertEquals(file.toString(), streamed.source());
    }

    @Test
    void recordsInBatchesSinglyAndOutOfOrderAreTheStoredImages() {
        Path file = dir.resolve("i-idx3-ubyte.gz");
        Idx.writeImages(file, SIDE, SIDE, pixels);
        IdxRecordReader reader = IdxRecordReader.of(DataFile.of(file), new Idx.Labels("l", COUNT, labels), 10);

        int done = 0;
        while (reader.hasNext()) { // batches of 37 stop mid-chunk and, in the last one, at the end
            List<Writable> batch = reader.next(37).get(0);
            INDArray x = ((NDArrayWritable) batch.get(0)).get();
            for (int i = 0; i < x.size(0); i++) {
                assertImage(done + i, x.getRow(i));
            }
            done += (int) x.size(0);
        }
        assertEquals(COUNT, done);

        reader.reset();
        Record first = reader.nextRecord();
        assertImage(0, ((NDArrayWritable) first.getRecord().get(0)).get());
        assertEquals(labels[0], first.getRecord().get(1).toInt());
        RecordMetaData meta = first.getMetaData();
        Record second = reader.nextRecord();

        Record later = reader.loadFromMetaData(
                new org.datavec.api.records.metadata.RecordMetaDataIndex(90, meta.getURI(), IdxRecordReader.class));
        assertImage(90, ((NDArrayWritable) later.getRecord().get(0)).get());
        assertImage(
                0, ((NDArrayWritable) reader.loadFromMetaData(meta).getRecord().get(0)).get());
        assertImage(
                1,
                ((NDArrayWritable) reader.loadFromMetaData(second.getMetaData())
                                .getRecord()
                                .get(0))
                        .get());
        assertImage(2, ((NDArrayWritable) reader.next().get(0)).get());
    }

    @Test
    void aFileCutShortFailsWhereItEnds() throws IOException {
        Path file = Files.write(
                dir.resolve("t-idx3-ubyte"),
                Arrays.copyOf(Idx.encode(Idx.IMAGES_MAGIC, new int[] {COUNT, SIDE, SIDE}, pixels), 16 + 70_000));
        IdxTest.assertMessage(
                file + ": offset 70016: expected 78400 data bytes for 100 images of 28x28 (length 78416), file ends"
                        + " here (truncated)",
                () -> ImageSet.of(DataFile.of(file), new Idx.Labels("l", COUNT, labels), 10));
    }

    @Test
    void aGzippedFileCutShortFailsWhereItEnds() throws IOException {
        byte[] gz = IdxTest.gzip(Idx.encode(Idx.IMAGES_MAGIC, new int[] {COUNT, SIDE, SIDE}, pixels));
        Path noTrailer = Files.write(dir.resolve("t-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length - 4));
        IdxTest.assertMessage(
                noTrailer + ": offset 78416 (decompressed): expected a gzip trailer (CRC, length), file ends early"
                        + " (truncated)",
                () -> ImageSet.of(DataFile.of(noTrailer), new Idx.Labels("l", COUNT, labels), 10));

        Path half = Files.write(dir.resolve("h-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
        String message = assertThrows(
                        DataException.class,
                        () -> ImageSet.of(DataFile.of(half), new Idx.Labels("l", COUNT, labels), 10))
                .getMessage();
        assertTrue(message.startsWith(half + ": offset "), message);
        assertTrue(
                message.endsWith(" (decompressed): expected 78400 data bytes for 100 images of 28x28 (length 78416),"
                        + " file ends here (truncated)"),
                message);
    }

    @Test
    void bytesAfterTheLastImageFail() throws IOException {
        byte[] idx = Idx.encode(Idx.IMAGES_MAGIC, new int[] {COUNT, SIDE, SIDE}, pixels);
        Path file = Files.write(dir.resolve("l-idx3-ubyte"), Arrays.copyOf(idx, idx.length + 1));
        IdxTest.assertMessage(
                file + ": offset 78416: expected end of file after 100 images of 28x28, found more bytes",
                () -> ImageSet.of(DataFile.of(file), new Idx.Labels("l", COUNT, labels), 10));
    }

    private void assertImage(int index, INDArray grey) {
        float[] expected = new float[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            expected[p] = pixels[index * PIXELS + p] & 0xff;
        }
        assertArrayEquals(expected, grey.reshape(PIXELS).toFloatVector(), "image " + index);
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    private static byte[] labels() {
        byte[] classes = new byte[COUNT];
        for (int i = 0; i < COUNT; i++) {
            classes[i] = (byte) (i * 7 % 10);
        }
        return classes;
    }
}
