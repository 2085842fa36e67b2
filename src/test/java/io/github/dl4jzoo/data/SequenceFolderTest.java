package io.github.dl4jzoo.data;

import static io.github.dl4jzoo.data.IdxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SequenceFolderTest {
    @TempDir
    Path dir;

    Path features;
    Path labels;

    /** Three sequences of 2 features, lengths 3, 4 and 5; value = 10 * sequence + step (feature 2 negated). */
    @BeforeEach
    void writeFolder() throws IOException {
        features = Files.createDirectories(dir.resolve("features"));
        labels = Files.createDirectories(dir.resolve("labels"));
        int[] lengths = {3, 4, 5};
        for (int s = 0; s < lengths.length; s++) {
            StringBuilder csv = new StringBuilder();
            for (int t = 0; t < lengths[s]; t++) {
                int v = 10 * s + t;
                csv.append(v).append(',').append(-v).append('\n');
            }
            Files.writeString(features.resolve(s + ".csv"), csv);
            Files.writeString(labels.resolve(s + ".csv"), (2 - s) + "\n");
        }
    }

    @Test
    void alignEndPutsTheLabelAtEachSequencesLastStep() {
        var it = SequenceFolder.iterator(features, labels, 3, 3, 0);
        DataSet batch = it.next();
        assertFalse(it.hasNext());
        assertArrayEquals(new long[] {3, 2, 5}, batch.getFeatures().shape(), "[sequences, features, longest]");
        assertArrayEquals(new long[] {3, 3, 5}, batch.getLabels().shape(), "[sequences, classes, steps]");
        // sequences start at step 0 and shorter ones are padded (and masked) after their end
        assertArrayEquals(new float[] {0, 1, 2, 0, 0}, steps(batch, 0, 0));
        assertArrayEquals(new float[] {0, -1, -2, 0, 0}, steps(batch, 0, 1));
        assertArrayEquals(
                new float[] {1, 1, 1, 0, 0},
                batch.getFeaturesMaskArray().getRow(0).toFloatVector());
        assertArrayEquals(new float[] {20, 21, 22, 23, 24}, steps(batch, 2, 0));
        // ALIGN_END: the one label sits at each sequence's own last step, and only there is the mask 1
        assertArrayEquals(
                new float[] {0, 0, 1, 0, 0},
                batch.getLabelsMaskArray().getRow(0).toFloatVector());
        assertArrayEquals(
                new float[] {0, 0, 0, 1, 0},
                batch.getLabelsMaskArray().getRow(1).toFloatVector());
        assertArrayEquals(
                new float[] {0, 0, 0, 0, 1},
                batch.getLabelsMaskArray().getRow(2).toFloatVector());
        assertEquals(1f, batch.getLabels().getFloat(0, 2, 2), "sequence 0 is class 2, at step 2");
        assertEquals(1f, batch.getLabels().getFloat(1, 1, 3), "sequence 1 is class 1, at step 3");
        assertEquals(1f, batch.getLabels().getFloat(2, 0, 4), "sequence 2 is class 0, at step 4");
        assertEquals(1f, batch.getLabels().sumNumber().floatValue() / 3);
    }

    private static float[] steps(DataSet batch, int sequence, int feature) {
        return batch.getFeatures()
                .get(NDArrayIndex.point(sequence), NDArrayIndex.point(feature), NDArrayIndex.all())
                .toFloatVector();
    }

    @Test
    void gapInNumbering() throws IOException {
        Files.move(features.resolve("1.csv"), features.resolve("7.csv"));
        assertMessage(
                features + ": expected files 0.csv .. 2.csv, 1.csv is missing",
                () -> SequenceFolder.iterator(features, labels, 3, 3, 0));
    }

    @Test
    void labelOutOfRangeOrMissing() throws IOException {
        Files.writeString(labels.resolve("1.csv"), "5\n");
        assertMessage(
                labels.resolve("1.csv") + ": line 1: expected one class index in 0..2, got '5'",
                () -> SequenceFolder.iterator(features, labels, 3, 3, 0));
        Files.delete(labels.resolve("2.csv"));
        assertMessage(
                labels + ": expected 3 label files to match " + features + ", got 2",
                () -> SequenceFolder.iterator(features, labels, 3, 3, 0));
    }

    @Test
    void emptySequence() throws IOException {
        Files.writeString(features.resolve("2.csv"), "");
        assertMessage(
                features.resolve("2.csv") + ": line 1: expected at least one time step, got an empty file",
                () -> SequenceFolder.iterator(features, labels, 3, 3, 0));
    }
}
